package dev.sluice.etl.load;

import static dev.sluice.etl.runtime.BatchLedger.JSON;

import dev.sluice.etl.extract.SecretsManagerConnectionSource;
import dev.sluice.etl.transform.ProcessedManifest;
import dev.sluice.etl.warehouse.ColumnType;
import dev.sluice.etl.warehouse.ParquetRows;
import dev.sluice.etl.warehouse.WarehouseTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Map;

/**
 * The load's priming step, run before the SnapStart snapshot ({@link LoadHandler} registers it): what the load does
 * per batch short of the database and S3. The PostgreSQL driver is loaded (no connection, no secret), a processed
 * manifest is read from JSON, and for every warehouse table its INSERT is built and a one-row Parquet file is read
 * back through {@link ParquetRows} (every column type's conversion). The load only reads Parquet; the file is written
 * here first because the real one would be downloaded, and it is deleted. The schema migration (Flyway) is not
 * primed: it needs a connection and runs once per execution environment, not per batch. Fixed sample, no clock.
 */
final class LoadPriming {

    private LoadPriming() {}

    static long prime() throws IOException {
        return prime(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Primes with a temporary file under {@code tmp}, deleted before returning.
     *
     * @return the rows read back: one per warehouse table
     */
    static long prime(Path tmp) throws IOException {
        SecretsManagerConnectionSource.primeDriver();
        ProcessedManifest manifest = JSON.readValue(JSON.writeValueAsBytes(sampleManifest()), ProcessedManifest.class);
        long rows = 0;
        Path file = Files.createTempFile(tmp, "sluice-prime-", ".parquet");
        try {
            for (ProcessedManifest.Output output : manifest.tables()) {
                WarehouseTable table = WarehouseTable.byName(output.table()).orElseThrow();
                WarehouseSql.insert(table); // built and discarded: what is primed is the code that builds it
                try (ParquetRows.Writer writer = ParquetRows.writer(table, file.toFile())) {
                    writer.write(sampleRow(table));
                }
                long[] read = {0};
                ParquetRows.read(table, file.toFile(), row -> read[0]++);
                rows += read[0];
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return rows;
    }

    private static ProcessedManifest sampleManifest() {
        return new ProcessedManifest(
                1,
                "20221103T142052186Z-000001",
                1,
                "2022-11-03T14:20:53Z",
                "2022-11-03T14:20:52.186",
                Arrays.stream(WarehouseTable.values())
                        .map(t -> new ProcessedManifest.Output(t.tableName(), t.tableName(), 1))
                        .toList(),
                Map.of());
    }

    private static Object[] sampleRow(WarehouseTable table) {
        return table.columns().stream().map(c -> sample(c.type())).toArray();
    }

    private static Object sample(ColumnType type) {
        return switch (type) {
            case INT -> 1;
            case TEXT -> "x";
            case DATE -> LocalDate.of(2022, 11, 3);
            case TIME -> LocalTime.of(14, 20, 52, 186_000_000);
            case MONEY_10_2, MONEY_12_2 -> new BigDecimal("3.94");
            case BOOLEAN -> true;
        };
    }
}
