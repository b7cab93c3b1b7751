package dev.sluice.etl.transform;

import java.util.Map;
import java.util.TreeMap;

/**
 * The transform's state object ({@code <prefix>/_state/transform.json}): the last ingestion batch transformed,
 * and where the lookup snapshot of each source table is, as of that batch.
 */
public record TransformState(int version, String lastBatchId, long batchCount, Map<String, String> snapshots) {

    static final int VERSION = 1;
    static final TransformState INITIAL = new TransformState(VERSION, null, 0, Map.of());

    public TransformState {
        snapshots = new TreeMap<>(snapshots);
    }

    TransformState after(ProcessedManifest manifest) {
        return new TransformState(VERSION, manifest.batchId(), manifest.sequence(), manifest.snapshots());
    }
}
