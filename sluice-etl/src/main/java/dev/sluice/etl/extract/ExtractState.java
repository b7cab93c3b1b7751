package dev.sluice.etl.extract;

import java.util.Map;
import java.util.TreeMap;

/**
 * The extract's state object ({@code <prefix>/_state/extract.json}): the last batch whose manifest is complete,
 * and each table's watermark as of that batch. Tables never extracted (empty so far) have no entry.
 */
public record ExtractState(int version, String lastBatchId, long batchCount, Map<String, TableWatermark> tables) {

    static final int VERSION = 1;
    static final ExtractState INITIAL = new ExtractState(VERSION, null, 0, Map.of());

    public ExtractState {
        tables = new TreeMap<>(tables);
    }

    /** The state a complete batch leads to. */
    ExtractState after(BatchManifest manifest) {
        return new ExtractState(VERSION, manifest.batchId(), manifest.sequence(), manifest.watermarks());
    }
}
