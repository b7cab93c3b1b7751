package dev.sluice.etl.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.sluice.etl.extract.ExtractConfig;
import dev.sluice.etl.extract.Extractor;
import dev.sluice.etl.testing.TestPostgres;
import dev.sluice.etl.transform.TransformConfig;
import dev.sluice.etl.transform.Transformer;
import dev.sluice.etl.warehouse.WarehouseMigration;
import dev.sluice.testkit.s3.S3ProxyServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * The load Lambda on a freshly deployed, EMPTY warehouse database (no tables at all, as after {@code terraform
 * apply}): the handler migrates the schema itself, once per execution environment, and concurrent cold starts
 * serialise on the migration lock.
 */
class LoadHandlerMigrationTest {

    private static final AtomicInteger RUNS = new AtomicInteger();

    static TestPostgres postgres;
    static S3ProxyServer s3;
    static TestPostgres.Db source;

    TestPostgres.Db warehouse;
    String processedBucket;
    S3Event event;

    @BeforeAll
    static void extractAndTransformOnce() throws Exception {
        postgres = TestPostgres.start();
        s3 = S3ProxyServer.start();
        source = postgres.newSeededTotesys();
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        postgres.close();
    }

    @BeforeEach
    void emptyWarehouseAndOneProcessedBatch() throws SQLException {
        int run = RUNS.incrementAndGet();
        String ingestionBucket = "mig-ingestion-" + run;
        processedBucket = "mig-processed-" + run;
        s3.createBucket(ingestionBucket);
        s3.createBucket(processedBucket);
        new Extractor(ExtractConfig.totesys(ingestionBucket), source.connections(), s3.client(), Clock.systemUTC())
                .run();
        new Transformer(TransformConfig.of(ingestionBucket, processedBucket), s3.client()).run();
        warehouse = postgres.newDatabase();
        event = EventLoader.loadS3Event("events/processed-manifest-created.json");
    }

    /** A handler as one Lambda execution environment builds it: its own migration instance (its own JVM). */
    private LoadHandler coldStart(WarehouseMigration migration) {
        Loader loader =
                new Loader(LoadConfig.of(processedBucket), warehouse.connections(), s3.client(), Clock.systemUTC());
        return new LoadHandler(loader, migration, MetricsFactory.getMetricsInstance());
    }

    private long count(String sql) throws SQLException {
        try (Connection wh = warehouse.connect()) {
            return StarSchemaOracle.count(wh, sql);
        }
    }

    private void assertStarSchemaEqualsSource() throws SQLException {
        try (Connection src = source.connect();
                Connection wh = warehouse.connect()) {
            for (Map.Entry<String, String[]> query : StarSchemaOracle.QUERIES.entrySet()) {
                List<String> expected = StarSchemaOracle.rows(src, query.getValue()[0]);
                assertThat(expected).as(query.getKey()).isNotEmpty();
                assertThat(StarSchemaOracle.rows(wh, query.getValue()[1]))
                        .as(query.getKey())
                        .containsExactlyElementsOf(expected);
            }
            assertThat(StarSchemaOracle.rows(wh, StarSchemaOracle.ACTUAL_DIM_DATE))
                    .containsExactlyElementsOf(StarSchemaOracle.rows(wh, StarSchemaOracle.EXPECTED_DIM_DATE));
        }
    }

    @Test
    void theFirstLoadOnAnEmptyWarehouseMigratesItAndLoadsTheWholeStarSchema() throws SQLException {
        assertThat(count("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"))
                .as("the warehouse starts with no table at all")
                .isZero();
        WarehouseMigration migration = new WarehouseMigration(warehouse.connections());
        LoadHandler handler = coldStart(migration);

        Map<String, Object> first = handler.handleRequest(event, null);

        assertThat((List<?>) first.get("batches")).hasSize(1);
        assertThat(migration.migrated()).isTrue();
        assertStarSchemaEqualsSource();
        assertThat(count("SELECT count(*) FROM etl_batch")).isEqualTo(1);
        long applied = count("SELECT count(*) FROM flyway_schema_history WHERE success");
        assertThat(applied).as("every migration on the classpath, once").isPositive();

        // Later invocations of the same environment do not touch Flyway again: even a dropped history table
        // (which a second Flyway run would notice and recreate) stays dropped.
        try (Connection wh = warehouse.connect();
                Statement s = wh.createStatement()) {
            s.execute("ALTER TABLE flyway_schema_history RENAME TO flyway_history_moved");
        }
        assertThat(handler.handleRequest(event, null).get("batches")).isEqualTo(List.of());
        assertThat(count("SELECT count(*) FROM information_schema.tables WHERE table_name = 'flyway_schema_history'"))
                .as("no migration on a warm invocation")
                .isZero();
    }

    @Test
    void twoColdStartsRacingOnAnEmptyWarehouseMigrateOnceAndLoadTheBatchOnce() throws Exception {
        int environments = 3;
        CyclicBarrier start = new CyclicBarrier(environments);
        ExecutorService pool = Executors.newFixedThreadPool(environments);
        List<Future<Map<String, Object>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < environments; i++) {
                LoadHandler handler = coldStart(new WarehouseMigration(warehouse.connections()));
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return handler.handleRequest(event, null);
                }));
            }
            List<Object> loaded = new ArrayList<>();
            for (Future<Map<String, Object>> result : results) {
                loaded.addAll((List<?>) result.get(120, TimeUnit.SECONDS).get("batches"));
            }
            assertThat(loaded)
                    .as("the batch applied by exactly one environment")
                    .hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertStarSchemaEqualsSource();
        assertThat(count("SELECT count(*) FROM etl_batch")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM flyway_schema_history WHERE NOT success"))
                .isZero();
        assertThat(
                        count(
                                "SELECT count(*) - count(DISTINCT version) FROM flyway_schema_history WHERE version IS NOT NULL"))
                .as("each migration recorded once")
                .isZero();
    }

    @Test
    void aMigrationWaitsWhileAnotherEnvironmentHoldsTheMigrationLock() throws Exception {
        WarehouseMigration migration = new WarehouseMigration(warehouse.connections());
        try (Connection other = warehouse.connect();
                Statement s = other.createStatement()) {
            s.execute("SELECT pg_advisory_lock(hashtext('" + WarehouseMigration.LOCK_KEY + "'))");
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(migration::ensureMigrated);
            Thread.sleep(500);
            assertThat(waiting).as("blocked on the other environment's lock").isNotDone();
            assertThat(count("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"))
                    .as("Flyway has not started: not even its history table exists")
                    .isZero();
            s.execute("SELECT pg_advisory_unlock(hashtext('" + WarehouseMigration.LOCK_KEY + "'))");
            assertThat(waiting.get(60, TimeUnit.SECONDS)).isPositive();
        }
        assertThat(migration.ensureMigrated()).as("once per instance").isZero();
    }
}
