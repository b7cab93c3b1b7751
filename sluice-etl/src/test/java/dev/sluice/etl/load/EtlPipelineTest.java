package dev.sluice.etl.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.sluice.etl.extract.ExtractConfig;
import dev.sluice.etl.extract.ExtractSummary;
import dev.sluice.etl.extract.Extractor;
import dev.sluice.etl.testing.FaultyS3;
import dev.sluice.etl.testing.TestPostgres;
import dev.sluice.etl.transform.ProcessedManifest;
import dev.sluice.etl.transform.TransformConfig;
import dev.sluice.etl.transform.TransformHandler;
import dev.sluice.etl.transform.TransformSummary;
import dev.sluice.etl.transform.Transformer;
import dev.sluice.etl.warehouse.Column;
import dev.sluice.etl.warehouse.WarehouseMigration;
import dev.sluice.etl.warehouse.WarehouseSchema;
import dev.sluice.etl.warehouse.WarehouseTable;
import dev.sluice.testkit.s3.S3ProxyServer;
import dev.sluice.testkit.totesys.TotesysChurn;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * The whole chain over real connections (embedded PostgreSQL 17 for Totesys and the warehouse, S3Proxy):
 * seed → extract → transform → load, checked against the star schema computed by SQL over the source.
 */
class EtlPipelineTest {

    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final long CHURN_SEED = 7L;

    static TestPostgres postgres;
    static S3ProxyServer s3;
    static TestPostgres.Db seeded;

    TestPostgres.Db source;
    TestPostgres.Db warehouse;
    String ingestionBucket;
    String processedBucket;

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
    void freshDatabasesAndBuckets() throws SQLException {
        source = postgres.copyOf(seeded);
        warehouse = postgres.newDatabase();
        WarehouseSchema.migrate(warehouse.dataSource());
        int run = RUNS.incrementAndGet();
        ingestionBucket = "ingestion-" + run;
        processedBucket = "processed-" + run;
        s3.createBucket(ingestionBucket);
        s3.createBucket(processedBucket);
    }

    private ExtractSummary extract() {
        return new Extractor(
                        ExtractConfig.totesys(ingestionBucket), source.connections(), s3.client(), Clock.systemUTC())
                .run();
    }

    private Transformer transformer(S3Client client) {
        return new Transformer(TransformConfig.of(ingestionBucket, processedBucket), client);
    }

    private Loader loader() {
        return new Loader(LoadConfig.of(processedBucket), warehouse.connections(), s3.client(), Clock.systemUTC());
    }

    private void cycle() {
        extract();
        transformer(s3.client()).run();
        loader().run();
    }

    private TotesysChurn.Result churn(int changes) throws SQLException {
        try (Connection c = source.connect()) {
            return TotesysChurn.apply(c, changes, CHURN_SEED, Clock.systemUTC());
        }
    }

    private void assertWarehouseEqualsSource() throws SQLException {
        try (Connection src = source.connect();
                Connection wh = warehouse.connect()) {
            for (Map.Entry<String, String[]> query : StarSchemaOracle.QUERIES.entrySet()) {
                List<String> expected = StarSchemaOracle.rows(src, query.getValue()[0]);
                assertThat(expected).as(query.getKey()).isNotEmpty();
                assertThat(StarSchemaOracle.rows(wh, query.getValue()[1]))
                        .as(query.getKey())
                        .containsExactlyElementsOf(expected);
            }
            assertThat(StarSchemaOracle.rows(wh, "SELECT currency_name FROM dim_currency ORDER BY currency_id"))
                    .containsExactlyElementsOf(StarSchemaOracle.expectedCurrencyNames(src));
            assertThat(StarSchemaOracle.rows(wh, StarSchemaOracle.ACTUAL_DIM_DATE))
                    .containsExactlyElementsOf(StarSchemaOracle.rows(wh, StarSchemaOracle.EXPECTED_DIM_DATE));
        }
    }

    /** Every warehouse row including serial record ids and the batch ledger (minus its load time). */
    private List<String> warehouseContents() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection wh = warehouse.connect()) {
            for (String table : List.of(
                    "dim_date",
                    "dim_staff",
                    "dim_location",
                    "dim_currency",
                    "dim_design",
                    "dim_counterparty",
                    "dim_transaction",
                    "dim_payment_type",
                    "fact_sales_order",
                    "fact_purchase_order",
                    "fact_payment")) {
                StarSchemaOracle.rows(wh, "SELECT * FROM " + table + " ORDER BY 1")
                        .forEach(r -> rows.add(table + ":" + r));
            }
            rows.addAll(StarSchemaOracle.rows(wh, "SELECT batch_id, sequence, rows_loaded FROM etl_batch ORDER BY 1"));
        }
        return rows;
    }

    private long count(String sql) throws SQLException {
        try (Connection wh = warehouse.connect()) {
            return StarSchemaOracle.count(wh, sql);
        }
    }

    @Test
    void aFullCycleBuildsTheStarSchemaOfTheSource() throws SQLException {
        ExtractSummary extracted = extract();
        TransformSummary transformed = transformer(s3.client()).run();
        LoadSummary loaded = loader().run();

        String batch = extracted.manifest().batchId();
        assertThat(transformed.transformed())
                .extracting(ProcessedManifest::batchId)
                .containsExactly(batch);
        assertThat(loaded.loaded()).containsExactly(batch);
        assertThat(s3.keys(processedBucket))
                .contains(
                        "processed/fact_sales_order/batch=" + batch + "/fact_sales_order.parquet",
                        "processed/dim_staff/batch=" + batch + "/dim_staff.parquet",
                        "processed/_batches/" + batch + ".json",
                        "processed/_state/transform.json");
        assertWarehouseEqualsSource();
        try (Connection src = source.connect()) {
            assertThat(count("SELECT count(*) FROM fact_sales_order"))
                    .isEqualTo(StarSchemaOracle.count(src, "SELECT count(*) FROM sales_order"));
        }
        assertThat(count("SELECT count(*) FROM etl_batch")).isEqualTo(1);
    }

    @Test
    void afterChurnTheNextCycleUpdatesDimensionsAndAppendsFactHistoryWithoutDuplicates() throws SQLException {
        cycle();
        long sales = count("SELECT count(*) FROM fact_sales_order");
        long payments = count("SELECT count(*) FROM fact_payment");
        long purchases = count("SELECT count(*) FROM fact_purchase_order");

        TotesysChurn.Result churn = churn(200);
        assertThat(churn.touched()).containsKeys("department", "staff", "address", "sales_order");
        cycle();

        assertWarehouseEqualsSource();
        Map<String, java.util.Set<Integer>> touched = churn.touched();
        assertThat(count("SELECT count(*) FROM fact_sales_order"))
                .isEqualTo(sales
                        + touched.getOrDefault("sales_order", java.util.Set.of())
                                .size());
        assertThat(count("SELECT count(*) FROM fact_payment"))
                .isEqualTo(payments
                        + touched.getOrDefault("payment", java.util.Set.of()).size());
        assertThat(count("SELECT count(*) FROM fact_purchase_order"))
                .isEqualTo(purchases
                        + touched.getOrDefault("purchase_order", java.util.Set.of())
                                .size());
        assertThat(count("SELECT count(*) FROM etl_batch")).isEqualTo(2);
    }

    @Test
    void replayingAnyStageOrEventChangesNothing() throws SQLException {
        extract();
        churn(50);
        extract();
        TransformSummary transformed = transformer(s3.client()).run();
        assertThat(transformed.transformed()).hasSize(2);
        assertThat(loader().run().loaded()).hasSize(2);
        assertWarehouseEqualsSource();
        List<String> before = warehouseContents();

        assertThat(extract().outcome()).isEqualTo(ExtractSummary.Outcome.NO_CHANGES);
        assertThat(transformer(s3.client()).run().transformed()).isEmpty();
        assertThat(loader().run().loaded()).isEmpty();
        // A lost state object: the transform re-derives it from the published manifests, transforming nothing.
        s3.client().deleteObject(b -> b.bucket(processedBucket).key("processed/_state/transform.json"));
        TransformSummary replayed = transformer(s3.client()).run();
        assertThat(replayed.transformed()).isEmpty();
        assertThat(replayed.adopted()).hasSize(2);
        // The load's ledger is in the warehouse: replaying a batch's rows under an emptied ledger is still a no-op
        // for facts (unique version key) and dimensions (same latest values).
        try (Connection wh = warehouse.connect();
                var s = wh.createStatement()) {
            s.execute("DELETE FROM etl_batch");
        }
        assertThat(loader().run().loaded()).hasSize(2);

        assertThat(warehouseContents()).containsExactlyElementsOf(before);
    }

    @Test
    void aTransformKilledAtAnyPointConvergesOnRerun() throws SQLException {
        extract();
        FaultyS3 faulty = new FaultyS3(s3.client());
        for (String crashPoint :
                List.of("fact_payment", "processed/_snapshot/", "processed/_batches/", "processed/_state/")) {
            faulty.crashBefore(crashPoint);
            assertThatThrownBy(() -> transformer(faulty).run()).as(crashPoint).isInstanceOf(FaultyS3.Crash.class);
            faulty.heal();
            if (crashPoint.equals("processed/_state/")) {
                break;
            }
        }
        TransformSummary rerun = transformer(faulty).run();
        assertThat(rerun.transformed()).isEmpty();
        assertThat(rerun.adopted()).hasSize(1);

        churn(30);
        extract();
        faulty.crashBefore("processed/_batches/");
        assertThatThrownBy(() -> transformer(faulty).run()).isInstanceOf(FaultyS3.Crash.class);
        faulty.heal();
        assertThat(transformer(faulty).run().transformed()).hasSize(1);

        loader().run();
        assertWarehouseEqualsSource();
    }

    @Test
    void aLoadFailingMidBatchRollsTheWholeBatchBackAndTheRerunConverges() throws SQLException {
        extract();
        String batch = transformer(s3.client()).run().transformed().getFirst().batchId();
        String key = "processed/fact_payment/batch=" + batch + "/fact_payment.parquet";
        byte[] parquet = s3.client()
                .getObject(b -> b.bucket(processedBucket).key(key), ResponseTransformer.toBytes())
                .asByteArray();
        s3.client().putObject(b -> b.bucket(processedBucket).key(key), RequestBody.fromString("not parquet"));

        assertThatThrownBy(() -> loader().run()).isInstanceOf(RuntimeException.class);
        assertThat(count("SELECT count(*) FROM etl_batch")).isZero();
        assertThat(count("SELECT count(*) FROM dim_staff")).isZero();
        assertThat(count("SELECT count(*) FROM fact_sales_order")).isZero();

        s3.client().putObject(b -> b.bucket(processedBucket).key(key), RequestBody.fromBytes(parquet));
        assertThat(loader().run().loaded()).containsExactly(batch);
        assertWarehouseEqualsSource();
    }

    @Test
    void theHandlersRunTheWholeCatchUpWhateverManifestTriggeredThem() throws SQLException {
        extract();
        churn(20);
        extract();
        S3Event ingestionEvent = EventLoader.loadS3Event("events/ingestion-manifest-created.json");
        S3Event processedEvent = EventLoader.loadS3Event("events/processed-manifest-created.json");
        TransformHandler transform =
                new TransformHandler(transformer(s3.client()), MetricsFactory.getMetricsInstance());
        LoadHandler load = new LoadHandler(
                loader(), new WarehouseMigration(warehouse.connections()), MetricsFactory.getMetricsInstance());

        Map<String, Object> transformed = transform.handleRequest(ingestionEvent, null);
        Map<String, Object> loaded = load.handleRequest(processedEvent, null);

        assertThat((List<?>) transformed.get("batches")).hasSize(2);
        assertThat(loaded.get("batches")).isEqualTo(transformed.get("batches"));
        assertThat((Long) loaded.get("warehouseLagSeconds")).isBetween(0L, 600L);
        assertWarehouseEqualsSource();
        assertThat(transform.handleRequest(ingestionEvent, null).get("batches")).isEqualTo(List.of());
        assertThat(load.handleRequest(processedEvent, null).get("batches")).isEqualTo(List.of());
    }

    @Test
    void theMigrationHasExactlyTheColumnsTypesAndKeysTheTransformAndLoadUse() throws SQLException {
        try (Connection wh = warehouse.connect()) {
            for (WarehouseTable table : WarehouseTable.values()) {
                List<String> expected = new ArrayList<>();
                if (table.kind() == WarehouseTable.Kind.FACT) {
                    expected.add(serialColumn(table) + "|integer|NO");
                }
                for (Column column : table.columns()) {
                    expected.add(column.name() + "|" + sqlType(column) + "|" + (column.nullable() ? "YES" : "NO"));
                }
                assertThat(StarSchemaOracle.rows(
                                wh,
                                "SELECT column_name, CASE WHEN data_type = 'numeric' THEN "
                                        + "'numeric(' || numeric_precision || ',' || numeric_scale || ')' ELSE data_type END, "
                                        + "is_nullable FROM information_schema.columns WHERE table_name = '"
                                        + table.tableName()
                                        + "' ORDER BY ordinal_position"))
                        .as(table.tableName())
                        .containsExactlyElementsOf(expected);
                String keyColumns = StarSchemaOracle.rows(
                                wh,
                                "SELECT string_agg(a.attname, ',' ORDER BY k.ord) "
                                        + "FROM pg_constraint c CROSS JOIN unnest(c.conkey) WITH ORDINALITY k(attnum, ord) "
                                        + "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum "
                                        + "WHERE c.conrelid = '" + table.tableName() + "'::regclass AND c.contype = '"
                                        + (table.kind() == WarehouseTable.Kind.FACT ? "u" : "p") + "'")
                        .getFirst();
                assertThat(keyColumns).as(table.tableName()).isEqualTo(String.join(",", table.key()));
            }
        }
    }

    private static String serialColumn(WarehouseTable fact) {
        return switch (fact) {
            case FACT_SALES_ORDER -> "sales_record_id";
            case FACT_PURCHASE_ORDER -> "purchase_record_id";
            default -> "payment_record_id";
        };
    }

    private static String sqlType(Column column) {
        return switch (column.type()) {
            case INT -> "integer";
            case TEXT ->
                column.name().equals("currency_code")
                                || column.name().endsWith("_name")
                                        && (column.name().startsWith("day")
                                                || column.name().startsWith("month"))
                        ? "character varying"
                        : "text";
            case DATE -> "date";
            case TIME -> "time without time zone";
            case MONEY_10_2 -> "numeric(10,2)";
            case MONEY_12_2 -> "numeric(12,2)";
            case BOOLEAN -> "boolean";
        };
    }
}
