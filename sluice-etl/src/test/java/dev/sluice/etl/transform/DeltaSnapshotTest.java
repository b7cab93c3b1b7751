package dev.sluice.etl.transform;

import static dev.sluice.etl.runtime.BatchLedger.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.etl.extract.BatchManifest;
import dev.sluice.etl.warehouse.ParquetRows;
import dev.sluice.etl.warehouse.WarehouseTable;
import dev.sluice.testkit.s3.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Lookup snapshots as chains of a base and per-batch deltas: a batch writes only the rows it changed, a cold
 * transformer rebuilds the same snapshot from the chain, a long chain is compacted, the version 1 state (one whole
 * object per table) is still read, and the rows referencing a changed row are found by reverse index.
 */
class DeltaSnapshotTest {

    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final String AT = "2022-11-03T14:20:52.186";

    private static final String DEPARTMENT = "department_id,department_name,location,manager,created_at,last_updated";
    private static final String STAFF =
            "staff_id,first_name,last_name,department_id,email_address,created_at," + "last_updated";
    private static final String ADDRESS = "address_id,address_line_1,address_line_2,district,city,postal_code,"
            + "country,phone,created_at,last_updated";
    private static final String COUNTERPARTY = "counterparty_id,counterparty_legal_name,legal_address_id,"
            + "commercial_contact,delivery_contact,created_at,last_updated";

    static S3ProxyServer s3;

    @TempDir
    Path tmp;

    String ingestionBucket;
    String processedBucket;
    int sequence;

    @BeforeAll
    static void start() {
        s3 = S3ProxyServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    @BeforeEach
    void freshBuckets() {
        int run = RUNS.incrementAndGet();
        ingestionBucket = "delta-ingestion-" + run;
        processedBucket = "delta-processed-" + run;
        s3.createBucket(ingestionBucket);
        s3.createBucket(processedBucket);
        sequence = 0;
    }

    // ---- the source batches ----

    private static String department(int id, String name) {
        return id + "," + name + ",Leeds,Manager " + id + "," + AT + "," + AT;
    }

    private static String staff(int id, int department) {
        return id + ",First" + id + ",Last" + id + "," + department + ",staff" + id + "@example.com," + AT + "," + AT;
    }

    private static String address(int id, String line1) {
        return id + "," + line1 + ",,Avon,Bristol,BS" + id + ",UK,0117 000" + id + "," + AT + "," + AT;
    }

    private static String counterparty(int id, int address) {
        return id + ",Company " + id + "," + address + ",Contact " + id + ",," + AT + "," + AT;
    }

    /** The full load: departments 1-3, staff 1-2 in 1, 3-4 in 2, 5-6 in 3; counterparties 1-2 at 1, 3 at 2. */
    private String fullLoad() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        tables.put("department", List.of(department(1, "Sales"), department(2, "Purchasing"), department(3, "HR")));
        tables.put("address", List.of(address(1, "1 High St"), address(2, "2 Low Rd")));
        tables.put("staff", List.of(staff(1, 1), staff(2, 1), staff(3, 2), staff(4, 2), staff(5, 3), staff(6, 3)));
        tables.put("counterparty", List.of(counterparty(1, 1), counterparty(2, 1), counterparty(3, 2)));
        return putBatch(tables);
    }

    private static final Map<String, String> HEADERS =
            Map.of("department", DEPARTMENT, "staff", STAFF, "address", ADDRESS, "counterparty", COUNTERPARTY);

    /** Writes an ingestion batch (objects, then its manifest) holding these rows; returns its batch id. */
    private String putBatch(Map<String, List<String>> rows) {
        sequence++;
        String batchId = String.format("20260101T000000000Z-%06d", sequence);
        List<BatchManifest.Table> tables = new ArrayList<>();
        for (var entry : rows.entrySet()) {
            String table = entry.getKey();
            String key = "ingestion/" + table + "/batch=" + batchId + "/" + table + ".csv";
            String csv = HEADERS.get(table) + "\n" + String.join("\n", entry.getValue()) + "\n";
            s3.client().putObject(b -> b.bucket(ingestionBucket).key(key), RequestBody.fromString(csv));
            List<String> columns = List.of(HEADERS.get(table).split(","));
            tables.add(new BatchManifest.Table(
                    table, key, entry.getValue().size(), csv.length(), columns, List.of(columns.getFirst()), null, AT));
        }
        BatchManifest manifest = new BatchManifest(1, batchId, sequence, null, AT + "Z", tables, Map.of());
        try {
            byte[] json = JSON.writeValueAsBytes(manifest);
            s3.client()
                    .putObject(
                            b -> b.bucket(ingestionBucket).key("ingestion/_batches/" + batchId + ".json"),
                            RequestBody.fromBytes(json));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return batchId;
    }

    private String putBatch(String table, String... rows) {
        return putBatch(Map.of(table, List.of(rows)));
    }

    // ---- the processed side ----

    private Transformer transformer(String processed) {
        return new Transformer(TransformConfig.of(ingestionBucket, processed), s3.client());
    }

    private Transformer transformer() {
        return transformer(processedBucket);
    }

    private ProcessedStore store(String processed) {
        return new ProcessedStore(s3.client(), processed, "processed");
    }

    private TransformState state() {
        return store(processedBucket).readState().orElseThrow();
    }

    /** A star table's rows of one batch as text, in file order; empty when the batch has no such object. */
    private List<String> starRows(String processed, WarehouseTable table, String batchId) throws IOException {
        String key = store(processed).tableKey(table.tableName(), batchId);
        if (!s3.keys(processed).contains(key)) {
            return List.of();
        }
        Path file = Files.createTempFile(tmp, table.tableName(), ".parquet");
        store(processed).download(key, file);
        List<String> rows = new ArrayList<>();
        ParquetRows.read(table, file.toFile(), row -> rows.add(Arrays.toString(row)));
        return rows;
    }

    private List<Integer> staffIds(String batchId) throws IOException {
        List<Integer> ids = new ArrayList<>();
        Path file = Files.createTempFile(tmp, "dim_staff", ".parquet");
        store(processedBucket).download(store(processedBucket).tableKey("dim_staff", batchId), file);
        ParquetRows.read(WarehouseTable.DIM_STAFF, file.toFile(), row -> ids.add((Integer) row[0]));
        return ids;
    }

    private String snapshotKey(String table, String batchId) {
        return store(processedBucket).snapshotKey(table, batchId);
    }

    private String deltaKey(String table, String batchId) {
        return store(processedBucket).snapshotDeltaKey(table, batchId);
    }

    // ---- the tests ----

    @Test
    void aBatchChangingOneDepartmentRowWritesADeltaHoldingOnlyThatRow() {
        String first = fullLoad();
        transformer().run();
        String renamed = putBatch("department", department(2, "Buying"));

        TransformSummary summary = transformer().run();

        String delta = deltaKey("department", renamed);
        List<String> lines = s3.read(processedBucket, delta).lines().toList();
        assertThat(lines)
                .as("the delta holds the header and the one changed row, not the department table")
                .containsExactly(DEPARTMENT, department(2, "Buying"));
        assertThat(summary.snapshotBytes())
                .as("the only snapshot object written is the delta")
                .isEqualTo(s3.client()
                        .getObjectAsBytes(b -> b.bucket(processedBucket).key(delta))
                        .asByteArray()
                        .length);
        assertThat(s3.keys(processedBucket))
                .as("no other table's snapshot object and no new base is written for the batch")
                .filteredOn(key -> key.contains("/_snapshot/") && key.contains(renamed))
                .containsExactly(delta);
        assertThat(state().snapshots())
                .as("the department chain grows by the delta; unchanged tables keep their chains")
                .containsEntry("department", new SnapshotChain(snapshotKey("department", first), List.of(delta)))
                .containsEntry("staff", SnapshotChain.of(snapshotKey("staff", first)));
        assertThat(summary.describe()).endsWith(", " + summary.snapshotBytes() + " snapshot bytes written");
    }

    @Test
    void renamingADepartmentReemitsExactlyItsStaffRowsFoundByTheReverseIndex() throws IOException {
        fullLoad();
        String moved = putBatch("staff", staff(3, 1));
        String renamed = putBatch("department", department(2, "Buying"));

        transformer().run();

        assertThat(staffIds(moved)).as("only the moved staff row").containsExactly(3);
        assertThat(staffIds(renamed))
                .as("department 2's staff after staff 3 moved to department 1: only staff 4")
                .containsExactly(4);
        assertThat(starRows(processedBucket, WarehouseTable.DIM_STAFF, renamed))
                .singleElement()
                .asString()
                .contains("Buying");
    }

    @Test
    void theReverseIndexFollowsARowThatChangesItsReference() {
        LookupSnapshot snapshot = new LookupSnapshot();
        snapshot.put(row("staff", STAFF, staff(1, 1)));
        snapshot.put(row("staff", STAFF, staff(2, 1)));
        snapshot.put(row("counterparty", COUNTERPARTY, counterparty(1, 7)));

        snapshot.put(row("staff", STAFF, staff(1, 2)));

        assertThat(snapshot.referencing("staff", 1))
                .extracting(r -> r.integer("staff_id"))
                .containsExactly(2);
        assertThat(snapshot.referencing("staff", 2))
                .extracting(r -> r.integer("staff_id"))
                .containsExactly(1);
        assertThat(snapshot.referencing("staff", 9)).isEmpty();
        assertThat(snapshot.referencing("counterparty", 7))
                .extracting(r -> r.integer("counterparty_id"))
                .containsExactly(1);
        snapshot.put(row("staff", STAFF, staff(2, 2)));
        assertThat(snapshot.referencing("staff", 1)).isEmpty();
    }

    private static SourceRow row(String table, String header, String csv) {
        String[] columns = header.split(",");
        String[] values = csv.split(",", -1);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < columns.length; i++) {
            row.put(columns[i], values[i].isEmpty() ? null : values[i]);
        }
        return new SourceRow(table, row);
    }

    @Test
    void aColdTransformerOverBaseAndDeltasProducesTheSameStarRowsAsAWarmOne() throws IOException {
        String warmBucket = processedBucket;
        String coldBucket = processedBucket + "-cold";
        s3.createBucket(coldBucket);
        Transformer warm = transformer(warmBucket);
        List<String> batches = new ArrayList<>();
        List<Map<String, List<String>>> changes = List.of(
                Map.of("staff", List.of(staff(7, 2)), "department", List.of(department(2, "Buying"))),
                Map.of("staff", List.of(staff(3, 1)), "department", List.of(department(1, "Selling"))),
                Map.of("address", List.of(address(1, "1 New St"))),
                Map.of("counterparty", List.of(counterparty(3, 1))),
                Map.of(
                        "department",
                        List.of(department(2, "Procurement")),
                        "address",
                        List.of(address(1, "9 Old St"))));

        batches.add(fullLoad());
        warm.run();
        transformer(coldBucket).run();
        for (Map<String, List<String>> change : changes) {
            batches.add(putBatch(change));
            warm.run();
            transformer(coldBucket).run(); // a new transformer per batch: reads the chains every time
        }

        for (String batch : batches) {
            for (WarehouseTable table :
                    List.of(WarehouseTable.DIM_STAFF, WarehouseTable.DIM_LOCATION, WarehouseTable.DIM_COUNTERPARTY)) {
                assertThat(starRows(coldBucket, table, batch))
                        .as(table.tableName() + " of batch " + batch)
                        .isEqualTo(starRows(warmBucket, table, batch));
            }
        }
        String last = batches.getLast();
        assertThat(starRows(warmBucket, WarehouseTable.DIM_STAFF, last))
                .as("department 2 after staff 7 joined and staff 3 left: staff 4 and 7, renamed")
                .hasSize(2)
                .allMatch(r -> r.contains("Procurement"));
        assertThat(starRows(warmBucket, WarehouseTable.DIM_COUNTERPARTY, last))
                .as("address 1 after counterparty 3 moved there: counterparties 1, 2 and 3")
                .hasSize(3)
                .allMatch(r -> r.contains("9 Old St"));
    }

    @Test
    void aWarmTransformerDoesNotReadTheSnapshotAgainButAColdOneDoes() {
        String first = fullLoad();
        Transformer warm = transformer();
        warm.run();
        String staffBase = snapshotKey("staff", first);
        s3.client().deleteObject(b -> b.bucket(processedBucket).key(staffBase));
        putBatch("department", department(2, "Buying"));

        assertThat(warm.run().transformed()).hasSize(1);

        putBatch("department", department(3, "People"));
        assertThatThrownBy(() -> transformer().run())
                .isInstanceOf(TransformException.class)
                .hasMessage("could not read s3://" + processedBucket + "/" + staffBase);
    }

    @Test
    void aChainIsCompactedIntoAFreshBaseWhenItWouldHoldMoreThanMaxSnapshotDeltas() throws IOException {
        String first = fullLoad();
        List<String> renames = new ArrayList<>();
        for (int i = 1; i <= Transformer.MAX_SNAPSHOT_DELTAS + 2; i++) {
            renames.add(putBatch("department", department(2, "Name " + i)));
        }

        transformer().run();

        ProcessedStore store = store(processedBucket);
        SnapshotChain full = store.readManifest(renames.get(Transformer.MAX_SNAPSHOT_DELTAS - 1))
                .orElseThrow()
                .snapshots()
                .get("department");
        assertThat(full.base()).isEqualTo(snapshotKey("department", first));
        assertThat(full.deltas()).hasSize(Transformer.MAX_SNAPSHOT_DELTAS);
        String compacting = renames.get(Transformer.MAX_SNAPSHOT_DELTAS);
        assertThat(store.readManifest(compacting).orElseThrow().snapshots().get("department"))
                .as(
                        "batch %d would make delta %d: it writes a base instead",
                        Transformer.MAX_SNAPSHOT_DELTAS + 2, Transformer.MAX_SNAPSHOT_DELTAS + 1)
                .isEqualTo(SnapshotChain.of(snapshotKey("department", compacting)));
        assertThat(s3.read(processedBucket, snapshotKey("department", compacting))
                        .lines())
                .as("the new base holds the whole department table as of that batch")
                .containsExactly(
                        DEPARTMENT,
                        department(1, "Sales"),
                        department(2, "Name " + (Transformer.MAX_SNAPSHOT_DELTAS + 1)),
                        department(3, "HR"));
        assertThat(state().snapshots().get("department"))
                .as("the chain starts again from the new base")
                .isEqualTo(new SnapshotChain(
                        snapshotKey("department", compacting), List.of(deltaKey("department", renames.getLast()))));
        assertThat(s3.keys(processedBucket))
                .as("old snapshot objects are never deleted")
                .contains(snapshotKey("department", first), deltaKey("department", renames.getFirst()));

        String after = putBatch("staff", staff(4, 2));
        transformer().run(); // cold: the new base and one delta
        assertThat(starRows(processedBucket, WarehouseTable.DIM_STAFF, after))
                .singleElement()
                .asString()
                .contains("Name " + (Transformer.MAX_SNAPSHOT_DELTAS + 2));
    }

    @Test
    void aVersion1StateWithOneWholeSnapshotObjectPerTableIsReadAsBasesWithoutDeltas() throws IOException {
        String old = "20251231T000000000Z-000009";
        Map<String, String> wholeTables = Map.of(
                "department", DEPARTMENT + "\n" + department(1, "Sales") + "\n" + department(2, "Purchasing") + "\n",
                "staff", STAFF + "\n" + staff(3, 2) + "\n" + staff(4, 2) + "\n" + staff(5, 1) + "\n");
        StringBuilder snapshots = new StringBuilder();
        for (var table : wholeTables.entrySet()) {
            String key = snapshotKey(table.getKey(), old);
            s3.client().putObject(b -> b.bucket(processedBucket).key(key), RequestBody.fromString(table.getValue()));
            snapshots.append(snapshots.isEmpty() ? "" : ",").append("\"" + table.getKey() + "\":\"" + key + "\"");
        }
        String version1 =
                "{\"version\":1,\"lastBatchId\":\"" + old + "\",\"batchCount\":9,\"snapshots\":{" + snapshots + "}}";
        s3.client()
                .putObject(
                        b -> b.bucket(processedBucket).key("processed/_state/transform.json"),
                        RequestBody.fromString(version1));
        String renamed = putBatch("department", department(2, "Buying"));

        transformer().run();

        assertThat(staffIds(renamed))
                .as("department 2's staff, from the version 1 staff snapshot")
                .containsExactly(3, 4);
        assertThat(state().version()).isEqualTo(TransformState.VERSION);
        assertThat(state().snapshots())
                .containsEntry(
                        "department",
                        new SnapshotChain(snapshotKey("department", old), List.of(deltaKey("department", renamed))))
                .containsEntry("staff", SnapshotChain.of(snapshotKey("staff", old)));
    }

    @Test
    void aVersion1ManifestsSnapshotKeysAreReadAsChainsAndVersion2RoundTrips() throws IOException {
        String version1 = """
                {"version":1,"batchId":"b","sequence":3,"extractedAt":"x","sourceUpdatedThrough":null,"tables":[],
                 "snapshots":{"staff":"processed/_snapshot/staff/batch=a/staff.csv"}}""";

        ProcessedManifest manifest = JSON.readValue(version1, ProcessedManifest.class);

        assertThat(manifest.snapshots())
                .containsExactly(Map.entry("staff", SnapshotChain.of("processed/_snapshot/staff/batch=a/staff.csv")));
        TransformState state = TransformState.INITIAL.after(new ProcessedManifest(
                2,
                "c",
                4,
                "x",
                null,
                List.of(),
                Map.of("staff", SnapshotChain.of("base").plus("d1").plus("d2"))));
        String json = new String(JSON.writeValueAsBytes(state), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).contains("\"base\" : \"base\"").contains("\"deltas\" : [ \"d1\", \"d2\" ]");
        assertThat(JSON.readValue(json, TransformState.class)).isEqualTo(state);
        assertThat(state.snapshots().get("staff").keys()).containsExactly("base", "d1", "d2");
        assertThatThrownBy(() -> new SnapshotChain(null, List.of()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("a snapshot chain needs a base");
    }
}
