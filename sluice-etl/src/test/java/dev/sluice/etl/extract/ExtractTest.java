package dev.sluice.etl.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.etl.extract.internal.IsoTimestamps;
import dev.sluice.etl.runtime.BatchLedger;
import dev.sluice.etl.testing.FaultyS3;
import dev.sluice.etl.testing.TestPostgres;
import dev.sluice.testkit.s3.S3ProxyServer;
import dev.sluice.testkit.totesys.TotesysChurn;
import dev.sluice.testkit.totesys.TotesysSchema;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/** The extract over real connections: embedded PostgreSQL 17 and an in-process S3. */
class ExtractTest {

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    static TestPostgres postgres;
    static S3ProxyServer s3;
    static TestPostgres.Db seeded;

    TestPostgres.Db db;
    String bucket;
    FaultyS3 faulty;

    @BeforeAll
    static void start() throws Exception {
        postgres = TestPostgres.start();
        s3 = S3ProxyServer.start();
        seeded = postgres.newSeededTotesys();
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        postgres.close();
    }

    @BeforeEach
    void freshDatabaseAndBucket() throws SQLException {
        db = postgres.copyOf(seeded);
        bucket = "ingestion-" + BUCKETS.incrementAndGet();
        s3.createBucket(bucket);
        faulty = new FaultyS3(s3.client());
    }

    private Extractor extractor() {
        return new Extractor(ExtractConfig.totesys(bucket), db.connections(), faulty, Clock.systemUTC());
    }

    @Test
    void firstRunExtractsEveryRowOfEveryTableExactly() throws Exception {
        ExtractSummary summary = extractor().run();

        assertThat(summary.outcome()).isEqualTo(ExtractSummary.Outcome.BATCH_WRITTEN);
        BatchManifest manifest = summary.manifest();
        assertThat(manifest.tables())
                .extracting(BatchManifest.Table::table)
                .containsExactlyElementsOf(TotesysSchema.TABLES);
        assertThat(manifest.previousBatchId()).isNull();
        assertThat(manifest.sequence()).isEqualTo(1);
        try (Connection c = db.connect()) {
            for (BatchManifest.Table table : manifest.tables()) {
                assertThat(table.key())
                        .isEqualTo("ingestion/" + table.table() + "/batch=" + manifest.batchId() + "/" + table.table()
                                + ".csv");
                assertThat(table.oldWatermark()).isNull();
                String copy = load(c, table.table(), s3.read(bucket, table.key()));
                assertThat(table.rows()).isEqualTo(count(c, "SELECT count(*) FROM " + table.table()));
                assertThat(count(
                                c,
                                "SELECT count(*) FROM (SELECT * FROM " + table.table() + " EXCEPT ALL SELECT * FROM "
                                        + copy + ") d"))
                        .as(table.table())
                        .isZero();
                assertThat(count(
                                c,
                                "SELECT count(*) FROM (SELECT * FROM " + copy + " EXCEPT ALL SELECT * FROM "
                                        + table.table() + ") d"))
                        .as(table.table())
                        .isZero();
                assertThat(table.newWatermark()).isEqualTo(iso(c, "SELECT max(last_updated) FROM " + table.table()));
            }
        }
        assertThat(s3.keys(bucket))
                .contains("ingestion/_batches/" + manifest.batchId() + ".json", "ingestion/_state/extract.json");
        ExtractState state = state();
        assertThat(state.lastBatchId()).isEqualTo(manifest.batchId());
        assertThat(state.tables()).containsOnlyKeys(TotesysSchema.TABLES);
    }

    @Test
    void afterChurnTheNextBatchHoldsExactlyTheChangedAndNewRows() throws Exception {
        BatchManifest first = extractor().run().manifest();
        TotesysChurn.Result churn;
        try (Connection c = db.connect()) {
            churn = TotesysChurn.apply(c, 200, 5L, Clock.systemUTC());
        }

        BatchManifest second = extractor().run().manifest();

        assertThat(second.previousBatchId()).isEqualTo(first.batchId());
        assertThat(second.batchId()).isGreaterThan(first.batchId());
        assertThat(second.tables())
                .extracting(BatchManifest.Table::table)
                .containsExactlyInAnyOrderElementsOf(churn.touched().keySet());
        try (Connection c = db.connect()) {
            for (BatchManifest.Table table : second.tables()) {
                String copy = load(c, table.table(), s3.read(bucket, table.key()));
                assertThat(ids(c, copy, table.primaryKey().getFirst()))
                        .as(table.table())
                        .containsExactlyElementsOf(churn.touched().get(table.table()));
                assertThat(count(
                                c,
                                "SELECT count(*) FROM (SELECT * FROM " + copy + " EXCEPT ALL SELECT * FROM "
                                        + table.table() + ") d"))
                        .as("rows are the current versions")
                        .isZero();
                assertThat(table.oldWatermark())
                        .isEqualTo(first.watermarks().get(table.table()).watermark());
            }
        }
    }

    @Test
    void aRowCommittedLateWithTheOldWatermarkIsExtractedAndNothingElse() throws Exception {
        BatchManifest first = extractor().run().manifest();
        String mark = first.watermarks().get("currency").watermark();
        try (Connection c = db.connect();
                PreparedStatement insert = c.prepareStatement("INSERT INTO currency VALUES (9, 'CHF', ?, ?)")) {
            insert.setObject(1, LocalDateTime.parse(mark));
            insert.setObject(2, LocalDateTime.parse(mark));
            insert.executeUpdate();
        }

        BatchManifest second = extractor().run().manifest();

        assertThat(second.tables()).extracting(BatchManifest.Table::table).containsExactly("currency");
        BatchManifest.Table currency = second.tables().getFirst();
        assertThat(currency.rows()).isEqualTo(1);
        assertThat(currency.oldWatermark()).isEqualTo(mark);
        assertThat(currency.newWatermark()).isEqualTo(mark);
        assertThat(s3.read(bucket, currency.key()))
                .isEqualTo("currency_id,currency_code,created_at,last_updated\n9,CHF," + mark + "," + mark + "\n");
        assertThat(second.watermarks().get("currency").keysAtWatermark()).containsExactlyInAnyOrder("1", "2", "3", "9");
        assertThat(extractor().run().outcome()).isEqualTo(ExtractSummary.Outcome.NO_CHANGES);
    }

    @Test
    void aRunWithNoChangesWritesNothing() {
        extractor().run();
        List<String> keys = s3.keys(bucket);
        String stateBefore = s3.read(bucket, "ingestion/_state/extract.json");

        ExtractSummary summary = extractor().run();

        assertThat(summary.outcome()).isEqualTo(ExtractSummary.Outcome.NO_CHANGES);
        assertThat(summary.manifest()).isNull();
        assertThat(summary.describe()).startsWith("no changes since the last batch; nothing written");
        assertThat(s3.keys(bucket)).isEqualTo(keys);
        assertThat(s3.read(bucket, "ingestion/_state/extract.json")).isEqualTo(stateBefore);
    }

    @Test
    void csvKeepsNullVersusEmptyQuotesCommasNewlinesNumericsAndTimestampsExactly() throws Exception {
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO address VALUES (900, 'O''Brien''s Wharf, Unit \"7\"', '', NULL,"
                    + " 'Line one\nLine two', ' 00501 ', 'Côte d''Ivoire', '\\.',"
                    + " '2023-01-02 03:04:05.123456', '2023-01-02 03:04:05')");
            s.execute("INSERT INTO payment VALUES (900, '2023-01-02 03:04:05.1', '2023-01-02 03:04:05.1', 1, 1,"
                    + " 1234567890.10, 1, 1, TRUE, '2023-01-03', '00001234', '00000000')");
        }

        BatchManifest manifest = extractor().run().manifest();

        String address = s3.read(bucket, key(manifest, "address"));
        assertThat(address)
                .contains("\n900,\"O'Brien's Wharf, Unit \"\"7\"\"\",\"\",,\"Line one\nLine two\","
                        + "\" 00501 \",Côte d'Ivoire,\"\\.\",2023-01-02T03:04:05.123456,2023-01-02T03:04:05\n");
        String payment = s3.read(bucket, key(manifest, "payment"));
        assertThat(payment)
                .contains("\n900,2023-01-02T03:04:05.100,2023-01-02T03:04:05.100,1,1,1234567890.10,1,1,true,"
                        + "2023-01-03,00001234,00000000\n");
        try (Connection c = db.connect()) {
            for (String table : List.of("address", "payment")) {
                String copy = load(c, table, s3.read(bucket, key(manifest, table)));
                assertThat(count(
                                c,
                                "SELECT count(*) FROM (SELECT * FROM " + table + " EXCEPT ALL SELECT * FROM " + copy
                                        + ") d"))
                        .as(table + " round trip through PostgreSQL's CSV reader")
                        .isZero();
            }
        }
    }

    @Test
    void textThatLooksLikeSqlIsDataNeverSql() throws Exception {
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute("UPDATE department SET department_name = 'x''); DROP TABLE staff; --',"
                    + " last_updated = '2030-01-01 00:00:00' WHERE department_id = 1");
        }
        extractor().run();
        ExtractSummary second = extractor().run();
        assertThat(second.outcome()).isEqualTo(ExtractSummary.Outcome.NO_CHANGES);
        try (Connection c = db.connect()) {
            assertThat(count(c, "SELECT count(*) FROM staff")).isEqualTo(20);
        }
    }

    @Test
    void crashAfterTheTableObjectsBeforeTheManifestLeavesNoBatchAndTheNextRunRedoesIt() throws Exception {
        faulty.crashBefore("/_batches/");
        assertThatThrownBy(() -> extractor().run()).isInstanceOf(FaultyS3.Crash.class);
        assertThat(s3.keys(bucket)).isNotEmpty().noneMatch(k -> k.contains("_batches") || k.contains("_state"));
        List<String> orphans = s3.keys(bucket);

        faulty.heal();
        BatchManifest batch = extractor().run().manifest();

        assertThat(batch.sequence()).isEqualTo(1);
        assertThat(batch.tables()).hasSize(11);
        assertThat(batch.tables()).extracting(BatchManifest.Table::key).doesNotContainAnyElementsOf(orphans);
        assertThat(s3.keys(bucket)).containsAll(orphans);
        assertEveryCurrentRowIsInSomeBatch();
    }

    @Test
    void crashAfterTheManifestBeforeTheStateIsAdoptedByTheNextRunWithNoChangeLost() throws Exception {
        faulty.crashBefore("/_state/");
        assertThatThrownBy(() -> extractor().run()).isInstanceOf(FaultyS3.Crash.class);
        assertThat(s3.keys(bucket)).anyMatch(k -> k.contains("_batches")).noneMatch(k -> k.contains("_state"));
        TotesysChurn.Result churn;
        try (Connection c = db.connect()) {
            churn = TotesysChurn.apply(c, 50, 3L, Clock.systemUTC());
        }

        faulty.heal();
        ExtractSummary summary = extractor().run();

        assertThat(summary.rolledForward()).hasSize(1);
        BatchManifest second = summary.manifest();
        assertThat(second.sequence()).isEqualTo(2);
        assertThat(second.previousBatchId()).isEqualTo(summary.rolledForward().getFirst());
        assertThat(second.totalRows()).isEqualTo(churn.rowsTouched());
        assertThat(state().lastBatchId()).isEqualTo(second.batchId());
        assertEveryCurrentRowIsInSomeBatch();
    }

    @Test
    void aManifestWriteRetriedAfterALostResponseStillCompletesTheBatch() {
        faulty.duplicateWritesOf("/_batches/");

        ExtractSummary summary = extractor().run();

        assertThat(summary.outcome()).isEqualTo(ExtractSummary.Outcome.BATCH_WRITTEN);
        assertThat(state().lastBatchId()).isEqualTo(summary.manifest().batchId());
    }

    @Test
    void anExistingManifestIsNeverReplacedAndTheStateStaysPut() {
        faulty.occupyBefore("/_batches/", "{}");

        assertThatThrownBy(() -> extractor().run())
                .isInstanceOf(IngestionStoreException.class)
                .hasMessageContaining("(an existing manifest is never replaced)");
        assertThat(s3.keys(bucket)).noneMatch(k -> k.contains("_state"));
    }

    @Test
    void databaseGoingAwayMidRunFailsTheRunAndLeavesTheStateUntouched() throws Exception {
        extractor().run();
        try (Connection c = db.connect()) {
            TotesysChurn.apply(c, 100, 9L, Clock.systemUTC());
        }
        String stateBefore = s3.read(bucket, "ingestion/_state/extract.json");
        List<String> keysBefore = s3.keys(bucket);
        faulty.beforePut(key -> terminateOtherBackends());

        assertThatThrownBy(() -> extractor().run())
                .isInstanceOf(SourceDatabaseException.class)
                .hasMessageStartingWith("Totesys database failed during the extract (state unchanged): ");

        assertThat(s3.read(bucket, "ingestion/_state/extract.json")).isEqualTo(stateBefore);
        assertThat(s3.keys(bucket))
                .filteredOn(k -> k.contains("_batches"))
                .isEqualTo(
                        keysBefore.stream().filter(k -> k.contains("_batches")).toList());
        faulty.heal();
        assertThat(extractor().run().outcome()).isEqualTo(ExtractSummary.Outcome.BATCH_WRITTEN);
        assertEveryCurrentRowIsInSomeBatch();
    }

    @Test
    void databaseDownAtStartFailsTheRunAndWritesNothing() {
        Extractor extractor = new Extractor(
                ExtractConfig.totesys(bucket),
                ConnectionSource.of("jdbc:postgresql://127.0.0.1:1/totesys?connectTimeout=2", "x", "y"),
                faulty,
                Clock.systemUTC());

        assertThatThrownBy(extractor::run)
                .isInstanceOf(SourceDatabaseException.class)
                .hasMessageStartingWith("cannot connect to the Totesys database (state unchanged): ");
        assertThat(s3.keys(bucket)).isEmpty();
    }

    @Test
    void aTableOutsideTheCatalogIsRejectedBeforeAnythingIsWritten() {
        ExtractConfig config = new ExtractConfig(bucket, "ingestion", "public", List.of("staff", "dog"), 100);
        Extractor extractor = new Extractor(config, db.connections(), faulty, Clock.systemUTC());

        assertThatThrownBy(extractor::run)
                .isInstanceOf(ExtractConfigException.class)
                .hasMessage("table 'dog' in the allow-list does not exist in schema 'public': rejected");
        assertThat(s3.keys(bucket)).isEmpty();
    }

    @Test
    void moreRowsAtTheWatermarkThanTheStateListsAreComparedByCountAndRedeliveredOnlyOnChange() throws Exception {
        TestPostgres.Db empty = postgres.newTotesys();
        int many = TableWatermark.MAX_KEYS_AT_WATERMARK + 1;
        try (Connection c = empty.connect();
                Statement s = c.createStatement()) {
            s.execute(
                    "INSERT INTO payment_type SELECT g, 'TYPE_' || g, '2024-01-01 00:00:00.5', '2024-01-01 00:00:00.5'"
                            + " FROM generate_series(1, " + many + ") g");
        }
        ExtractConfig config = new ExtractConfig(bucket, "ingestion", "public", List.of("payment_type"), 500);
        Extractor extractor = new Extractor(config, empty.connections(), faulty, Clock.systemUTC());

        BatchManifest first = extractor.run().manifest();
        TableWatermark mark = first.watermarks().get("payment_type");
        ExtractSummary unchanged = extractor.run();
        try (Connection c = empty.connect();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO payment_type VALUES (0, 'LATE', '2024-01-01 00:00:00.5', '2024-01-01 00:00:00.5')");
        }
        BatchManifest late = extractor.run().manifest();

        assertThat(first.totalRows()).isEqualTo(many);
        assertThat(mark.keysAtWatermark()).isNull();
        assertThat(mark.rowsAtWatermark()).isEqualTo(many);
        assertThat(unchanged.outcome()).isEqualTo(ExtractSummary.Outcome.NO_CHANGES);
        assertThat(late.totalRows())
                .as("every row at the watermark again; consumers de-duplicate")
                .isEqualTo(many + 1);
        assertThat(late.watermarks().get("payment_type").rowsAtWatermark()).isEqualTo(many + 1);
    }

    @Test
    void aTableWithoutAPrimaryKeyOrATimestampWatermarkIsRejected() throws Exception {
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE audit_log (entry text, last_updated timestamp)");
            s.execute("CREATE TABLE zoned (id int PRIMARY KEY, last_updated timestamptz)");
        }
        assertThatThrownBy(new Extractor(
                        new ExtractConfig(bucket, "ingestion", "public", List.of("audit_log"), 10),
                        db.connections(),
                        faulty,
                        Clock.systemUTC())::run)
                .isInstanceOf(ExtractConfigException.class)
                .hasMessage("table 'audit_log' has no primary key; the extract needs one to order rows and to tell"
                        + " versions apart");
        assertThatThrownBy(new Extractor(
                        new ExtractConfig(bucket, "ingestion", "public", List.of("zoned"), 10),
                        db.connections(),
                        faulty,
                        Clock.systemUTC())::run)
                .isInstanceOf(ExtractConfigException.class)
                .hasMessage("table 'zoned' needs a column last_updated of type timestamp without time zone");
        assertThat(s3.keys(bucket)).isEmpty();
    }

    @Test
    void aTinyFetchSizeStreamsTheSameRows() throws Exception {
        ExtractConfig config = new ExtractConfig(bucket, "ingestion", "public", List.of("sales_order"), 7);
        BatchManifest manifest = new Extractor(config, db.connections(), faulty, Clock.systemUTC())
                .run()
                .manifest();
        assertThat(manifest.tables().getFirst().rows()).isEqualTo(50);
    }

    /** Every source row, in its current version, is in some batch that has a manifest. */
    private void assertEveryCurrentRowIsInSomeBatch() throws Exception {
        List<BatchManifest> manifests = new IngestionStore(s3.client(), bucket, "ingestion").manifestsAfter(null);
        try (Connection c = db.connect()) {
            for (String table : TotesysSchema.TABLES) {
                List<String> copies = new ArrayList<>();
                for (BatchManifest manifest : manifests) {
                    for (BatchManifest.Table t : manifest.tables()) {
                        if (t.table().equals(table)) {
                            copies.add("SELECT * FROM " + load(c, table, s3.read(bucket, t.key())));
                        }
                    }
                }
                assertThat(copies).as(table).isNotEmpty();
                assertThat(count(
                                c,
                                "SELECT count(*) FROM (SELECT * FROM " + table + " EXCEPT ("
                                        + String.join(" UNION ALL ", copies) + ")) missing"))
                        .as(table)
                        .isZero();
            }
        }
    }

    private void terminateOtherBackends() {
        try (Connection admin = postgres.admin().getConnection();
                PreparedStatement kill = admin.prepareStatement("SELECT pg_terminate_backend(pid)"
                        + " FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            kill.setString(1, db.name());
            kill.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private ExtractState state() {
        try {
            return BatchLedger.JSON.readValue(s3.read(bucket, "ingestion/_state/extract.json"), ExtractState.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String key(BatchManifest manifest, String table) {
        return manifest.tables().stream()
                .filter(t -> t.table().equals(table))
                .findFirst()
                .orElseThrow()
                .key();
    }

    private static final AtomicInteger COPIES = new AtomicInteger();

    /** Loads CSV with PostgreSQL's own CSV reader (header checked) into a temporary copy of the table. */
    private static String load(Connection c, String table, String csv) throws Exception {
        String copy = "copy_" + table + "_" + COPIES.incrementAndGet();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE " + copy + " (LIKE " + table + ")");
        }
        new CopyManager(c.unwrap(BaseConnection.class))
                .copyIn("COPY " + copy + " FROM STDIN (FORMAT csv, HEADER MATCH)", new StringReader(csv));
        return copy;
    }

    private static Set<Integer> ids(Connection c, String copy, String column) throws SQLException {
        Set<Integer> ids = new TreeSet<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + column + " FROM " + copy)) {
            while (rs.next()) {
                assertThat(ids.add(rs.getInt(1)))
                        .as("no duplicate key in a batch")
                        .isTrue();
            }
        }
        return ids;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String iso(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return IsoTimestamps.format(rs.getObject(1, LocalDateTime.class));
        }
    }
}
