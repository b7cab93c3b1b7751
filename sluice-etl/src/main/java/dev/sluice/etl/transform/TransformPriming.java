package dev.sluice.etl.transform;

import static dev.sluice.etl.runtime.BatchLedger.JSON;

import dev.sluice.etl.extract.BatchManifest;
import dev.sluice.etl.extract.ExtractConfig;
import dev.sluice.etl.warehouse.WarehouseTable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The transform's priming step, run before the SnapStart snapshot ({@link TransformHandler} registers it): the real
 * {@link BatchTransform} over a one-row-per-table batch held in memory, so the CSV reader, the lookup joins, every
 * star rule and every output table's Parquet writer (snappy included) are loaded and warm in the snapshot; then the
 * lookup snapshot CSV and the manifest and state JSON. No S3 call: the batch's objects are the strings below, and the
 * Parquet and CSV files go to a temporary directory that is deleted. Nothing unique is kept (fixed sample, no clock).
 */
final class TransformPriming {

    private static final String BATCH_ID = "20221103T142052186Z-000001";
    private static final String AT = "2022-11-03T14:20:52.186";

    /**
     * One row per Totesys table, in the extract's CSV conventions (an empty unquoted cell is NULL), with references
     * that resolve inside the batch: staff → department, counterparty → address.
     */
    private static final Map<String, String> TABLES = Map.ofEntries(
            csv("currency", "currency_id,currency_code,created_at,last_updated", "1,GBP,@,@"),
            csv("payment_type", "payment_type_id,payment_type_name,created_at,last_updated", "1,SALES_RECEIPT,@,@"),
            csv(
                    "department",
                    "department_id,department_name,location,manager,created_at,last_updated",
                    "1,Sales,Manchester,,@,@"),
            csv(
                    "address",
                    "address_id,address_line_1,address_line_2,district,city,postal_code,country,phone,created_at,"
                            + "last_updated",
                    "1,6826 Herzog Via,,Avon,New Patienceburgh,28441,Turkey,1803 637401,@,@"),
            csv(
                    "design",
                    "design_id,created_at,design_name,file_location,file_name,last_updated",
                    "1,@,Wooden,/usr,wooden-20220717-npgz.json,@"),
            csv(
                    "counterparty",
                    "counterparty_id,counterparty_legal_name,legal_address_id,commercial_contact,delivery_contact,"
                            + "created_at,last_updated",
                    "1,\"Fahey, Sons\",1,Micheal Toy,\"\",@,@"),
            csv(
                    "staff",
                    "staff_id,first_name,last_name,department_id,email_address,created_at,last_updated",
                    "1,Jeremie,Franey,1,jeremie.franey@terrifictotes.com,@,@"),
            csv(
                    "sales_order",
                    "sales_order_id,created_at,last_updated,design_id,staff_id,counterparty_id,units_sold,unit_price,"
                            + "currency_id,agreed_delivery_date,agreed_payment_date,agreed_delivery_location_id",
                    "1,@,@,1,1,1,42972,3.94,1,2022-11-07,2022-11-08,1"),
            csv(
                    "purchase_order",
                    "purchase_order_id,created_at,last_updated,staff_id,counterparty_id,item_code,item_quantity,"
                            + "item_unit_price,currency_id,agreed_delivery_date,agreed_payment_date,"
                            + "agreed_delivery_location_id",
                    "1,@,@,1,1,ZDOI5EA,371,361.39,1,2022-11-09,2022-11-07,1"),
            csv(
                    "transaction",
                    "transaction_id,transaction_type,sales_order_id,purchase_order_id,created_at,last_updated",
                    "1,SALE,1,,@,@"),
            csv(
                    "payment",
                    "payment_id,created_at,last_updated,transaction_id,counterparty_id,payment_amount,currency_id,"
                            + "payment_type_id,paid,payment_date,company_ac_number,counterparty_ac_number",
                    "1,@,@,1,1,552548.62,1,1,false,2022-11-03,67305075,31622269"));

    private TransformPriming() {}

    static ProcessedManifest prime() throws IOException {
        return prime(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Transforms the sample batch in a new directory under {@code tmp}, deleted before returning.
     *
     * @return the processed manifest the batch would publish (one output per warehouse table), read back from JSON
     */
    static ProcessedManifest prime(Path tmp) throws IOException {
        // Manifests and state go through JSON both ways, as the transform reads the extract's and writes its own.
        BatchManifest batch = JSON.readValue(JSON.writeValueAsBytes(sampleBatch()), BatchManifest.class);
        LookupSnapshot snapshot = new LookupSnapshot();
        Path workDir = Files.createTempDirectory(tmp, "sluice-prime-");
        try {
            List<ProcessedManifest.Output> outputs = new ArrayList<>();
            try (BatchTransform transform = new BatchTransform(
                    TransformPriming::open, snapshot, new StarRules(Currencies.iso4217()), workDir)) {
                BatchTransform.Result result = transform.run(batch);
                for (WarehouseTable table : WarehouseTable.values()) {
                    if (result.files().containsKey(table)) {
                        outputs.add(new ProcessedManifest.Output(
                                table.tableName(),
                                "prime/" + table.tableName(),
                                result.rows().get(table)));
                    }
                }
                for (var changed : result.changedLookups().entrySet()) {
                    // A batch's delta and a compaction's base: the two ways the transform writes a snapshot.
                    LookupSnapshot.write(changed.getValue(), workDir.resolve(changed.getKey() + ".delta.csv"));
                    snapshot.write(changed.getKey(), workDir.resolve(changed.getKey() + ".csv"));
                }
            }
            ProcessedManifest manifest = new ProcessedManifest(
                    1,
                    batch.batchId(),
                    batch.sequence(),
                    batch.createdAt(),
                    Transformer.newestSourceUpdate(batch),
                    outputs,
                    Map.of());
            JSON.readValue(JSON.writeValueAsBytes(TransformState.INITIAL.after(manifest)), TransformState.class);
            return JSON.readValue(JSON.writeValueAsBytes(manifest), ProcessedManifest.class);
        } finally {
            Transformer.deleteQuietly(workDir);
        }
    }

    private static BatchManifest sampleBatch() {
        List<BatchManifest.Table> tables = new ArrayList<>();
        for (String table : ExtractConfig.TOTESYS_TABLES) {
            List<String> columns =
                    List.of(TABLES.get(table).lines().findFirst().orElseThrow().split(",", -1));
            tables.add(new BatchManifest.Table(table, table, 1, 0, columns, List.of(columns.getFirst()), null, AT));
        }
        return new BatchManifest(1, BATCH_ID, 1, null, AT + "Z", tables, Map.of());
    }

    /** The sample's "object" for a key (the key is the table name). */
    private static InputStream open(String key) {
        return new ByteArrayInputStream(TABLES.get(key).getBytes(StandardCharsets.UTF_8));
    }

    /** A table's CSV object: header and one row, {@code @} standing for the sample timestamp. */
    private static Map.Entry<String, String> csv(String table, String header, String row) {
        return Map.entry(table, header + "\r\n" + row.replace("@", AT) + "\r\n");
    }
}
