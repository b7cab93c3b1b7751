package dev.sluice.etl.transform;

import java.util.Map;
import java.util.TreeMap;

/**
 * The transform's state object ({@code <prefix>/_state/transform.json}): the last ingestion batch transformed,
 * and where the lookup snapshot of each source table is, as of that batch: its {@link SnapshotChain} (version 2).
 * Version 1 named one whole-table object per table; such a state is read as chains of a base and no deltas.
 */
public record TransformState(int version, String lastBatchId, long batchCount, Map<String, SnapshotChain> snapshots) {

    static final int VERSION = 2;
    static final TransformState INITIAL = new TransformState(VERSION, null, 0, Map.of());

    public TransformState {
        snapshots = new TreeMap<>(snapshots);
    }

    TransformState after(ProcessedManifest manifest) {
        return new TransformState(VERSION, manifest.batchId(), manifest.sequence(), manifest.snapshots());
    }
}
