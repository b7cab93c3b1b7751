package dev.sluice.etl.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.sluice.etl.extract.ExtractConfig;
import dev.sluice.etl.extract.Extractor;
import dev.sluice.etl.testing.RecordingMetrics;
import dev.sluice.etl.testing.TestPostgres;
import dev.sluice.etl.transform.TransformConfig;
import dev.sluice.etl.transform.Transformer;
import dev.sluice.etl.warehouse.WarehouseMigration;
import dev.sluice.testkit.s3.S3ProxyServer;
import dev.sluice.testkit.totesys.TotesysChurn;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's promise, measured end to end on this machine: "a change in the source is visible in the warehouse
 * within 30 minutes". The source is churned, one extract → transform → load cycle runs, and the load reports the
 * newest source change it committed and how long ago it was made (SourceToWarehouseLagSeconds) and how old the
 * newest change in the warehouse is (WarehouseFreshnessSeconds).
 */
class FreshnessSloTest {

    private static final Duration SLO = Duration.ofMinutes(30);

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

    private static LocalDateTime newestSourceChange(Connection source) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT max(t) FROM (");
        String[] tables = {
            "address",
            "counterparty",
            "currency",
            "department",
            "design",
            "payment",
            "payment_type",
            "purchase_order",
            "sales_order",
            "staff",
            "transaction"
        };
        for (int i = 0; i < tables.length; i++) {
            sql.append(i == 0 ? "" : " UNION ALL ")
                    .append("SELECT max(last_updated) AS t FROM ")
                    .append(tables[i]);
        }
        try (Statement s = source.createStatement();
                ResultSet rs = s.executeQuery(sql.append(") m").toString())) {
            rs.next();
            return rs.getObject(1, LocalDateTime.class);
        }
    }

    @Test
    void aChurnedChangeReachesTheWarehouseWithinTheSloAndTheLagMatchesTheChurnTime() throws Exception {
        TestPostgres.Db source = postgres.newSeededTotesys();
        TestPostgres.Db warehouse = postgres.newDatabase();
        s3.createBucket("slo-ingestion");
        s3.createBucket("slo-processed");
        Extractor extractor = new Extractor(
                ExtractConfig.totesys("slo-ingestion"), source.connections(), s3.client(), Clock.systemUTC());
        Transformer transformer = new Transformer(TransformConfig.of("slo-ingestion", "slo-processed"), s3.client());
        S3Event event = EventLoader.loadS3Event("events/processed-manifest-created.json");
        WarehouseMigration migration = new WarehouseMigration(warehouse.connections());
        extractor.run();
        transformer.run();
        new LoadHandler(
                        new Loader(
                                LoadConfig.of("slo-processed"),
                                warehouse.connections(),
                                s3.client(),
                                Clock.systemUTC()),
                        migration,
                        new RecordingMetrics())
                .handleRequest(event, null);

        // Real time: churn now, run one cycle at once, as the local stack does.
        Instant churnedAt = Instant.now();
        try (Connection c = source.connect()) {
            TotesysChurn.apply(c, 40, 11L, Clock.systemUTC());
        }
        extractor.run();
        transformer.run();
        RecordingMetrics metrics = new RecordingMetrics();
        Map<String, Object> realTime = new LoadHandler(
                        new Loader(
                                LoadConfig.of("slo-processed"),
                                warehouse.connections(),
                                s3.client(),
                                Clock.systemUTC()),
                        migration,
                        metrics)
                .handleRequest(event, null);
        long elapsed = Duration.between(churnedAt, Instant.now()).toSeconds();
        long lag = (Long) realTime.get("sourceToWarehouseLagSeconds");
        System.out.printf("freshness SLO (real time): churn → warehouse commit %d s (cycle took %d s)%n", lag, elapsed);
        assertThat(lag).as("measured lag, bounded by the time since the churn").isBetween(0L, elapsed + 1);
        assertThat(Duration.ofSeconds(lag)).isLessThan(SLO);
        assertThat(metrics.last())
                .containsEntry("SourceToWarehouseLagSeconds", (double) lag)
                .containsEntry("WarehouseFreshnessSeconds", (double) lag)
                .containsKey("WarehouseLagSeconds");

        // Controlled time: the churn happens at T0, the load commits at T0 + 7 min; the lag is exactly that.
        Instant t0 = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        try (Connection c = source.connect()) {
            TotesysChurn.apply(c, 40, 12L, Clock.fixed(t0, ZoneOffset.UTC));
        }
        LocalDateTime newest;
        try (Connection c = source.connect()) {
            newest = newestSourceChange(c);
        }
        assertThat(newest)
                .isBetween(
                        LocalDateTime.ofInstant(t0, ZoneOffset.UTC),
                        LocalDateTime.ofInstant(t0.plusSeconds(1), ZoneOffset.UTC));
        extractor.run();
        transformer.run();
        Instant loadAt = t0.plus(Duration.ofMinutes(7));
        RecordingMetrics controlled = new RecordingMetrics();
        LoadHandler handler = new LoadHandler(
                new Loader(
                        LoadConfig.of("slo-processed"),
                        warehouse.connections(),
                        s3.client(),
                        Clock.fixed(loadAt, ZoneOffset.UTC)),
                migration,
                controlled);
        Map<String, Object> result = handler.handleRequest(event, null);
        long expected =
                Duration.between(newest.toInstant(ZoneOffset.UTC), loadAt).toSeconds();
        assertThat(expected).isBetween(419L, 420L);
        assertThat(result).containsEntry("sourceToWarehouseLagSeconds", expected);
        assertThat(controlled.last()).containsEntry("SourceToWarehouseLagSeconds", (double) expected);
        try (Connection wh = warehouse.connect();
                Statement s = wh.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT source_updated_through FROM etl_batch ORDER BY batch_id DESC LIMIT 1")) {
            rs.next();
            assertThat(rs.getObject(1, OffsetDateTime.class).toInstant())
                    .as("the ledger records the newest source change of the batch")
                    .isEqualTo(newest.toInstant(ZoneOffset.UTC));
        }

        // Nothing new: no lag sample, but freshness keeps being reported (and grows with time).
        Map<String, Object> idle = new LoadHandler(
                        new Loader(
                                LoadConfig.of("slo-processed"),
                                warehouse.connections(),
                                s3.client(),
                                Clock.fixed(loadAt.plus(Duration.ofMinutes(3)), ZoneOffset.UTC)),
                        migration,
                        controlled)
                .handleRequest(event, null);
        assertThat(idle)
                .containsEntry("sourceToWarehouseLagSeconds", -1L)
                .containsEntry("warehouseFreshnessSeconds", expected + 180);
        assertThat(controlled.last())
                .containsEntry("WarehouseFreshnessSeconds", (double) expected + 180)
                .doesNotContainKey("SourceToWarehouseLagSeconds");
    }
}
