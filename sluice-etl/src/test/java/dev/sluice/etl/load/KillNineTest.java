package dev.sluice.etl.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.etl.extract.ExtractConfig;
import dev.sluice.etl.extract.Extractor;
import dev.sluice.etl.testing.TestPostgres;
import dev.sluice.etl.transform.ProcessedManifest;
import dev.sluice.etl.transform.ProcessedStore;
import dev.sluice.etl.transform.TransformConfig;
import dev.sluice.etl.transform.Transformer;
import dev.sluice.etl.warehouse.WarehouseSchema;
import dev.sluice.etl.warehouse.WarehouseTable;
import dev.sluice.testkit.s3.S3ProxyServer;
import dev.sluice.testkit.totesys.TotesysChurn;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: {@code kill -9} in the middle of the ETL extract and inside the warehouse load's transaction, then a
 * restart: no gap (the warehouse equals the star schema of the source) and no duplicate fact row.
 *
 * <p>Real kills, not simulated ones: each round starts a child JVM ({@link CrashChild}) and SIGKILLs it
 * ({@link Process#destroyForcibly()}) at a random moment inside the work. The moment is anchored so the kill lands
 * where it hurts: for the extract, after its first table object of the round has reached S3 (a batch half written,
 * no manifest); for the load, once the child's warehouse transaction is open ({@code pg_stat_activity}, by
 * application name), plus a random delay of up to 600 ms (a third of that for the extract). The seed of the randomness is printed, so a
 * failing run can be repeated ({@code -Dsluice.faults.seed=...}).
 */
@Tag("faults")
class KillNineTest {

    private static final int EXTRACT_ROUNDS = 4;
    private static final int LOAD_ROUNDS = 4;
    private static final int MAX_EXTRA_DELAY_MS = 600;
    private static final long CHILD_TIMEOUT_SECONDS = 120;

    static TestPostgres postgres;
    static S3ProxyServer s3;

    @BeforeAll
    static void start() throws Exception {
        postgres = TestPostgres.start();
        s3 = S3ProxyServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        postgres.close();
    }

    private static Process child(Path logDir, String mode, String jdbcUrl, String bucket, int round)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashChild.class.getName(),
                        mode,
                        jdbcUrl,
                        s3.endpoint().toString(),
                        bucket)
                .redirectErrorStream(true)
                .redirectOutput(logDir.resolve(mode + "-" + round + ".log").toFile());
        return builder.start();
    }

    /** Waits until {@code condition} or the child's exit; true if the condition was met while it ran. */
    private static boolean awaitWhileAlive(Process process, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_SECONDS);
        while (process.isAlive() && System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    private static void kill(Process process) throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally block, sockets just close
        assertThat(process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    private static boolean childTransactionOpen(TestPostgres.Db db) {
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
                        + CrashChild.APPLICATION_NAME + "' AND xact_start IS NOT NULL"
                        + " AND query NOT LIKE 'SELECT max(batch_id)%'")) {
            rs.next();
            return rs.getLong(1) > 0;
        } catch (SQLException e) {
            return false;
        }
    }

    @Test
    void killedExtractsAndLoadsLeaveNoGapAndNoDuplicateFactRowAfterRestart(@TempDir Path logs) throws Exception {
        long seed = Long.getLong("sluice.faults.seed", System.nanoTime());
        System.out.println("KillNineTest seed " + seed + " (logs of the children in " + logs + ")");
        Random random = new Random(seed);
        TestPostgres.Db seeded = postgres.newSeededTotesys();
        TestPostgres.Db source = postgres.copyOf(seeded);
        TestPostgres.Db warehouse = postgres.newDatabase();
        WarehouseSchema.migrate(warehouse.dataSource());
        s3.createBucket("kill-ingestion");
        s3.createBucket("kill-processed");

        Extractor extractor = new Extractor(
                ExtractConfig.totesys("kill-ingestion"), source.connections(), s3.client(), Clock.systemUTC());

        // 1. Extracts killed mid-batch (table objects written, the manifest not), each followed by a restart.
        int extractKills = 0;
        for (int round = 1; round <= EXTRACT_ROUNDS; round++) {
            if (round > 1) {
                try (Connection c = source.connect()) {
                    TotesysChurn.apply(c, 40 + random.nextInt(80), random.nextLong(), Clock.systemUTC());
                }
            }
            Set<String> before = new HashSet<>(s3.keys("kill-ingestion"));
            Process extract = child(logs, "extract", postgres.jdbcUrl(source), "kill-ingestion", round);
            boolean midBatch = awaitWhileAlive(
                    extract,
                    () -> s3.keys("kill-ingestion").stream().anyMatch(k -> !before.contains(k) && !k.contains("/_")));
            Thread.sleep(random.nextInt(MAX_EXTRA_DELAY_MS / 3));
            if (midBatch && extract.isAlive()) {
                extractKills++;
            }
            kill(extract);
            // Restart, as the next scheduled run would: it adopts or redoes what the killed one left.
            extractor.run();
        }
        System.out.println("extract: " + extractKills + " of " + EXTRACT_ROUNDS + " children killed mid-batch");
        assertThat(extractKills).as("kills that landed inside an extract").isPositive();

        int batches = new Transformer(TransformConfig.of("kill-ingestion", "kill-processed"), s3.client())
                .run()
                .transformed()
                .size();
        assertThat(batches).as("one batch per restarted extract").isEqualTo(EXTRACT_ROUNDS);

        // 2. Loads killed inside the warehouse transaction.
        int loadKills = 0;
        for (int round = 1; round <= LOAD_ROUNDS; round++) {
            Process load = child(logs, "load", postgres.jdbcUrl(warehouse), "kill-processed", round);
            boolean inTransaction = awaitWhileAlive(load, () -> childTransactionOpen(warehouse));
            Thread.sleep(random.nextInt(MAX_EXTRA_DELAY_MS));
            if (inTransaction && load.isAlive()) {
                loadKills++;
            }
            kill(load);
            assertLedgerMatchesFacts(warehouse);
        }
        long survivedBatches;
        try (Connection wh = warehouse.connect()) {
            survivedBatches = StarSchemaOracle.count(wh, "SELECT count(*) FROM etl_batch");
        }
        System.out.println("load: " + survivedBatches + " batch(es) committed before the kills; " + loadKills + " of "
                + LOAD_ROUNDS + " children killed inside the transaction");
        assertThat(loadKills).as("kills that landed inside a load transaction").isPositive();

        // Restart: a clean load finishes the job.
        new Loader(LoadConfig.of("kill-processed"), warehouse.connections(), s3.client(), Clock.systemUTC()).run();

        try (Connection src = source.connect();
                Connection wh = warehouse.connect()) {
            for (Map.Entry<String, String[]> query : StarSchemaOracle.QUERIES.entrySet()) {
                assertThat(StarSchemaOracle.rows(wh, query.getValue()[1]))
                        .as("no gap: %s", query.getKey())
                        .containsExactlyElementsOf(StarSchemaOracle.rows(src, query.getValue()[0]));
            }
            for (String[] fact : List.of(
                    new String[] {"fact_sales_order", "sales_order_id"},
                    new String[] {"fact_purchase_order", "purchase_order_id"},
                    new String[] {"fact_payment", "payment_id"})) {
                assertThat(StarSchemaOracle.count(
                                wh,
                                "SELECT count(*) - count(DISTINCT (" + fact[1]
                                        + ", last_updated_date, last_updated_time)) FROM " + fact[0]))
                        .as("no duplicate version in %s", fact[0])
                        .isZero();
            }
            assertThat(StarSchemaOracle.count(wh, "SELECT count(*) FROM etl_batch"))
                    .as("every processed batch applied once")
                    .isEqualTo(batches);
        }
    }

    /**
     * After any kill the warehouse holds whole batches only: the fact rows present are exactly the fact rows of the
     * batches the ledger lists (from their processed manifests, in order), so a killed transaction left nothing.
     */
    private static void assertLedgerMatchesFacts(TestPostgres.Db warehouse) throws SQLException {
        List<ProcessedManifest> manifests = new ProcessedStore(
                        s3.client(), "kill-processed", TransformConfig.DEFAULT_PROCESSED_PREFIX)
                .manifestsAfter(null);
        try (Connection wh = warehouse.connect()) {
            int ledger = (int) StarSchemaOracle.count(wh, "SELECT count(*) FROM etl_batch");
            long expected = manifests.subList(0, ledger).stream()
                    .flatMap(m -> m.tables().stream())
                    .filter(o -> WarehouseTable.byName(o.table()).orElseThrow().kind() == WarehouseTable.Kind.FACT)
                    .mapToLong(ProcessedManifest.Output::rows)
                    .sum();
            long facts = StarSchemaOracle.count(
                    wh,
                    "SELECT (SELECT count(*) FROM fact_sales_order) + (SELECT count(*) FROM fact_purchase_order)"
                            + " + (SELECT count(*) FROM fact_payment)");
            assertThat(facts)
                    .as("fact rows of the %d whole batches in the ledger", ledger)
                    .isEqualTo(expected);
        }
    }
}
