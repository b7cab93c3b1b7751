package dev.sluice.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.CloudWatchLogsEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.sluice.testkit.dynamodb.DynamoDbLocalServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
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
 * The notifier end to end on this machine: CloudWatch Logs subscription events (base64 gzip fixtures holding the
 * functions' real log-line shapes), the de-duplication table in DynamoDB Local, and a recording publisher in place
 * of SNS. The e-mails are printed so a reader can see what on-call receives.
 */
class ErrorNotifierHandlerTest {

    private static final Duration WINDOW = Duration.ofSeconds(NotifierConfig.DEFAULT_WINDOW_SECONDS);
    private static final AtomicInteger TABLES = new AtomicInteger();

    static DynamoDbLocalServer dynamoDb;

    final List<AlertMessage> outbox = new ArrayList<>();
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T02:41:30Z"));
    String table;

    @BeforeAll
    static void startDynamoDb() throws Exception {
        DynamoDbLocalServer.useNativeLibrariesNextTo(ErrorNotifierHandlerTest.class);
        dynamoDb = DynamoDbLocalServer.start(0, Optional.empty());
    }

    @AfterAll
    static void stopDynamoDb() throws Exception {
        dynamoDb.close();
    }

    @BeforeEach
    void freshTable() {
        table = "alert-dedup-" + TABLES.incrementAndGet();
        dynamoDb.ensureTable(table, "fingerprint", Optional.empty());
    }

    private AlertDeduplicator dedup() {
        return new AlertDeduplicator(dynamoDb.client(), table, WINDOW, clock);
    }

    private ErrorNotifierHandler handler(AlertPublisher publisher) {
        return new ErrorNotifierHandler(new ErrorNotifier(dedup(), publisher), MetricsFactory.getMetricsInstance());
    }

    private ErrorNotifierHandler handler() {
        return handler(outbox::add);
    }

    private static CloudWatchLogsEvent event(String name) {
        return EventLoader.loadCloudWatchLogsEvent("events/" + name);
    }

    private static void print(AlertMessage mail) {
        System.out.println("---- e-mail ----\nSubject: " + mail.subject() + "\n\n" + mail.body() + "----------------");
    }

    @Test
    void anEtlLoadErrorBecomesOneMailNamingTheFunctionBatchKeyErrorAndWhereToLook() {
        Map<String, Object> result = handler().handleRequest(event("etl-load-error.json"), null);

        assertThat(result).containsEntry("errors", 1).containsEntry("sent", 1).containsEntry("suppressed", 0);
        AlertMessage mail = outbox.getFirst();
        print(mail);
        assertThat(mail.subject()).isEqualTo("Sluice ERROR in sluice-etl-load: LoadException");
        assertThat(mail.body())
                .contains("Function:      sluice-etl-load")
                .contains("Error type:    LoadException")
                .contains("Object key:    processed/_batches/20261206T024000123Z-000042.json")
                .contains("Batch id:      20261206T024000123Z-000042")
                .contains("Message:       warehouse load failed after 0 batch(es): ERROR: relation \"etl_batch\" does"
                        + " not exist")
                .contains("What happened: load failed; the failed batch rolled back")
                .contains("Time (UTC):    2026-12-06T02:41:07.312Z")
                .contains("Request id:    5b1c9a2e-8f0d-4c53-9a57-2f0c1d7e8b11")
                .contains("Log group:     /aws/lambda/sluice-etl-load")
                .contains("Log stream:    2026/12/06/[$LATEST]8e4c0b5d2f6a4e7f9c1b3a5d7e9f0a2b")
                .doesNotContain("suppressed in the window");
    }

    @Test
    void repeatedErrorsAreMailedOncePerWindowAndTheNextMailCountsTheSuppressedOnes() {
        ErrorNotifierHandler handler = handler();

        Map<String, Object> first = handler.handleRequest(event("filter-errors-repeated.json"), null);
        assertThat(first).containsEntry("errors", 4).containsEntry("sent", 2).containsEntry("suppressed", 2);
        assertThat(outbox)
                .extracting(AlertMessage::subject)
                .containsExactly(
                        "Sluice ERROR in sluice-filter: MALFORMED_CSV", "Sluice ERROR in sluice-filter: Timeout");
        assertThat(outbox.getFirst().body())
                .contains("Object key:    s3://sluice-in/incoming/customers-2026-12-06.csv")
                .contains("Message:       line 17: unterminated quoted field");
        assertThat(outbox.get(1).body()).contains("Message:       Task timed out after 30.03 seconds");

        clock.advance(WINDOW.minusSeconds(1));
        Map<String, Object> redelivered = handler.handleRequest(event("filter-errors-repeated.json"), null);
        assertThat(redelivered)
                .as("still inside the window")
                .containsEntry("sent", 0)
                .containsEntry("suppressed", 4);

        clock.advance(Duration.ofSeconds(1));
        outbox.clear();
        Map<String, Object> nextWindow = handler.handleRequest(event("filter-errors-repeated.json"), null);
        assertThat(nextWindow).containsEntry("sent", 2).containsEntry("suppressed", 2);
        print(outbox.getFirst());
        assertThat(outbox.getFirst().body())
                .contains("5 more alert(s) for the same function, error type and key were suppressed in the window"
                        + " that began 2026-12-06T02:41:30Z");
        assertThat(outbox.get(1).body()).contains("1 more alert(s)");
    }

    @Test
    void theSubscriptionsControlMessageSendsNothing() {
        assertThat(handler().handleRequest(event("control-message.json"), null))
                .containsEntry("errors", 0)
                .containsEntry("sent", 0);
        assertThat(outbox).isEmpty();
    }

    @Test
    void aMailSnsRejectedIsSentByTheRetryInsteadOfBeingSuppressed() {
        ErrorNotifierHandler failing = handler(mail -> {
            throw new IllegalStateException("SNS throttled");
        });
        assertThatThrownBy(() -> failing.handleRequest(event("etl-load-error.json"), null))
                .isInstanceOf(AlertDeliveryException.class)
                .hasMessage("could not publish the alert for sluice-etl-load/LoadException: SNS throttled");

        Map<String, Object> retried = handler().handleRequest(event("etl-load-error.json"), null);

        assertThat(retried).containsEntry("sent", 1);
        assertThat(outbox).hasSize(1);
    }

    @Test
    void anUndecodableDeliveryFailsWithAClearMessage() {
        CloudWatchLogsEvent garbage = new CloudWatchLogsEvent();
        CloudWatchLogsEvent.AWSLogs logs = new CloudWatchLogsEvent.AWSLogs();
        logs.setData("bm90IGd6aXA=");
        garbage.setAwsLogs(logs);
        assertThatThrownBy(() -> handler().handleRequest(garbage, null))
                .isInstanceOf(MalformedLogEventException.class)
                .hasMessageStartingWith("awslogs.data is not base64 of gzip");
        assertThatThrownBy(() -> handler().handleRequest(new CloudWatchLogsEvent(), null))
                .isInstanceOf(MalformedLogEventException.class)
                .hasMessage("the event has no awslogs.data");
    }

    @Test
    void concurrentNotifiersRacingOnOneErrorSendExactlyOneMail() throws Exception {
        LogBatch batch =
                LogBatch.decode(event("etl-load-error.json").getAwsLogs().getData());
        ErrorLine error = ErrorLine.parse(batch, batch.events().get(1)).orElseThrow();
        int racers = 8;
        CyclicBarrier start = new CyclicBarrier(racers);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<AlertDeduplicator.Decision>> decisions = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                AlertDeduplicator dedup = dedup();
                Callable<AlertDeduplicator.Decision> race = () -> {
                    start.await(10, TimeUnit.SECONDS);
                    return dedup.decide(error);
                };
                decisions.add(pool.submit(race));
            }
            int sends = 0;
            for (Future<AlertDeduplicator.Decision> d : decisions) {
                if (d.get(30, TimeUnit.SECONDS) instanceof AlertDeduplicator.Decision.Send) {
                    sends++;
                }
            }
            assertThat(sends).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        clock.advance(WINDOW);
        assertThat(dedup().decide(error))
                .isEqualTo(new AlertDeduplicator.Decision.Send(
                        racers - 1L,
                        Instant.parse("2026-12-06T02:41:30Z"),
                        clock.instant().plus(WINDOW).getEpochSecond()));
    }
}
