package dev.sluice.etl.extract;

import static dev.sluice.etl.runtime.BatchLedger.JSON;

import dev.sluice.core.csv.CsvWriter;
import dev.sluice.etl.extract.internal.BatchIds;
import dev.sluice.etl.extract.internal.CellFormat;
import dev.sluice.etl.extract.internal.IsoTimestamps;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * The extract's priming step, run before the SnapStart snapshot ({@link ExtractHandler} registers it). The extract
 * spends its time in the database and S3, which priming must not touch (no secret, no socket in a snapshot), so this
 * warms what runs around them: the PostgreSQL driver (class initialisation and JDBC URL parsing, no connection), the
 * SQL built from a catalog description, the CSV writer as a table object is written, the batch id and watermark
 * formats, and the manifest and state JSON both ways. Fixed sample, no clock: nothing unique is kept.
 */
final class ExtractPriming {

    private static final SourceTable SAMPLE = new SourceTable(
            ExtractConfig.DEFAULT_SCHEMA,
            "sales_order",
            List.of("sales_order_id", "created_at", "last_updated", "unit_price"),
            List.of("sales_order_id"));

    private ExtractPriming() {}

    /** Returns the sample batch's manifest, read back from its JSON. */
    static BatchManifest prime() throws IOException {
        SecretsManagerConnectionSource.primeDriver();
        // The SQL of a table's read, built and discarded: what is primed is the code that builds it.
        SAMPLE.selectAll();
        SAMPLE.selectSince();
        SAMPLE.countAtAndAfter();

        // One table object's CSV as TableExtract writes it (header, then a row with ISO timestamps), into nothing.
        LocalDateTime updated = LocalDateTime.parse("2022-11-03T14:20:52.186");
        CsvWriter csv = new CsvWriter(OutputStream.nullOutputStream());
        SAMPLE.columns().forEach(csv::field);
        csv.endRecord();
        CellFormat.forSqlType(Types.TIMESTAMP);
        csv.field("1");
        csv.field(IsoTimestamps.format(updated));
        csv.field(IsoTimestamps.format(updated));
        csv.field("3.94");
        csv.endRecord();
        csv.flush();

        String batchId = BatchIds.next(null, 1, Instant.parse("2022-11-03T14:20:53Z"));
        TableWatermark watermark = new TableWatermark(IsoTimestamps.format(updated), List.of("1"), 1);
        BatchManifest manifest = new BatchManifest(
                1,
                batchId,
                1,
                null,
                "2022-11-03T14:20:53Z",
                List.of(new BatchManifest.Table(
                        SAMPLE.name(),
                        SAMPLE.name(),
                        1,
                        0,
                        SAMPLE.columns(),
                        SAMPLE.primaryKey(),
                        null,
                        watermark.watermark())),
                Map.of(SAMPLE.name(), watermark));
        JSON.readValue(JSON.writeValueAsBytes(ExtractState.INITIAL.after(manifest)), ExtractState.class);
        return JSON.readValue(JSON.writeValueAsBytes(manifest), BatchManifest.class);
    }
}
