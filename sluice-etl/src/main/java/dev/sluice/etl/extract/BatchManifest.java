package dev.sluice.etl.extract;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A batch's manifest ({@code <prefix>/_batches/<batch-id>.json}), written after every table object of the
 * batch: its presence is what makes the batch exist. It carries the complete state the batch leads to, so a
 * run that finds a manifest newer than the state object can roll the state forward.
 *
 * @param sequence        1 for the first batch, then +1 per batch
 * @param previousBatchId the batch this one follows (null for the first)
 * @param createdAt       wall-clock time of the run, informational only (never a watermark)
 * @param tables          the tables with new or changed rows, in allow-list order
 * @param watermarks      every table's watermark after this batch
 */
public record BatchManifest(
        int version,
        String batchId,
        long sequence,
        String previousBatchId,
        String createdAt,
        List<Table> tables,
        Map<String, TableWatermark> watermarks) {

    public BatchManifest {
        tables = List.copyOf(tables);
        watermarks = new TreeMap<>(watermarks);
    }

    /**
     * One table's object in the batch.
     *
     * @param oldWatermark the watermark the rows were read from (null on the table's first extract)
     * @param newWatermark the greatest {@code last_updated} read
     */
    public record Table(
            String table,
            String key,
            long rows,
            long bytes,
            List<String> columns,
            List<String> primaryKey,
            String oldWatermark,
            String newWatermark) {

        public Table {
            columns = List.copyOf(columns);
            primaryKey = List.copyOf(primaryKey);
        }
    }

    public long totalRows() {
        return tables.stream().mapToLong(Table::rows).sum();
    }
}
