package dev.sluice.etl.transform;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A processed batch's manifest ({@code <prefix>/_batches/<batch-id>.json}), written after every Parquet object
 * of the batch and before the state: its presence is what makes the processed batch exist. It carries the state
 * the batch leads to (the lookup snapshot chains), so a run finding a manifest newer than the state rolls
 * forward.
 *
 * @param batchId     the ingestion batch this was transformed from (same id)
 * @param extractedAt when the extract wrote the ingestion batch (for the warehouse lag metric)
 * @param sourceUpdatedThrough the newest source {@code last_updated} in the batch (ISO local date-time, the source's
 *     UTC wall clock), null if unknown (manifests written before it existed): the freshness SLO's measure
 * @param tables      the output tables with rows, in load order (dimensions first)
 * @param snapshots   the lookup snapshot chain of each source table after this batch (version 2; in version 1 a
 *     single whole-table object, read as a chain with no deltas)
 */
public record ProcessedManifest(
        int version,
        String batchId,
        long sequence,
        String extractedAt,
        String sourceUpdatedThrough,
        List<Output> tables,
        Map<String, SnapshotChain> snapshots) {

    public ProcessedManifest {
        tables = List.copyOf(tables);
        snapshots = new TreeMap<>(snapshots);
    }

    /** One Parquet object of the batch. */
    public record Output(String table, String key, long rows) {}

    public long totalRows() {
        return tables.stream().mapToLong(Output::rows).sum();
    }
}
