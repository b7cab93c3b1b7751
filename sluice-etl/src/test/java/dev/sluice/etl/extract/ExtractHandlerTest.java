package dev.sluice.etl.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.sluice.etl.testing.RecordingMetrics;
import dev.sluice.etl.testing.TestPostgres;
import dev.sluice.testkit.s3.S3ProxyServer;
import dev.sluice.testkit.totesys.TotesysGenerator;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

class ExtractHandlerTest {

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

    @ParameterizedTest
    @Event(value = "events/scheduled-event.json", type = ScheduledEvent.class)
    void aScheduledEventRunsOneExtractAndReturnsTheBatchSummary(ScheduledEvent event) throws Exception {
        TestPostgres.Db db = postgres.newTotesys();
        try (Connection c = db.connect()) {
            TotesysGenerator.seed(c, 1, TotesysGenerator.DEFAULT_SEED);
        }
        s3.createBucket("handler-ingestion");
        RecordingMetrics metrics = new RecordingMetrics();
        ExtractHandler handler = new ExtractHandler(
                new Extractor(
                        ExtractConfig.totesys("handler-ingestion"), db.connections(), s3.client(), Clock.systemUTC()),
                metrics);

        Map<String, Object> first = handler.handleRequest(event, null);
        Map<String, Object> second = handler.handleRequest(event, null);

        assertThat(first)
                .containsEntry("outcome", "BATCH_WRITTEN")
                .containsEntry("tables", 11)
                .containsEntry("adoptedBatches", List.of());
        assertThat((String) first.get("batchId")).matches("\\d{8}T\\d{9}Z-000001");
        assertThat(first.get("rows")).isEqualTo(715L); // 3+4+8+30+375+20+20+50+35+85+85 rows at scale 1
        assertThat(second)
                .containsEntry("outcome", "NO_CHANGES")
                .containsEntry("rows", 0L)
                .containsEntry("batchId", null);
        // The heartbeat an alarm on missing data watches: one per run, also when nothing changed.
        assertThat(metrics.flushed()).extracting(m -> m.get("ExtractRuns")).containsExactly(1.0, 1.0);
        assertThat(metrics.flushed().get(1)).containsEntry("ExtractNoChange", 1.0);
    }

    @ParameterizedTest
    @Event(value = "events/scheduled-event.json", type = ScheduledEvent.class)
    void aDatabaseThatIsDownFailsTheInvocation(ScheduledEvent event) {
        s3.createBucket("handler-down");
        ExtractHandler handler = new ExtractHandler(
                new Extractor(
                        ExtractConfig.totesys("handler-down"),
                        ConnectionSource.of("jdbc:postgresql://127.0.0.1:1/totesys?connectTimeout=2", "u", "p"),
                        s3.client(),
                        Clock.systemUTC()),
                MetricsFactory.getMetricsInstance());

        assertThatThrownBy(() -> handler.handleRequest(event, null))
                .isInstanceOf(SourceDatabaseException.class)
                .hasMessageStartingWith("cannot connect to the Totesys database (state unchanged)");
        assertThat(s3.keys("handler-down")).isEmpty();
    }
}
