package dev.sluice.lambda.dynamodb;

import static dev.sluice.lambda.dynamodb.LoaderTestbed.ERRORS;
import static dev.sluice.lambda.dynamodb.LoaderTestbed.KEY;
import static dev.sluice.lambda.dynamodb.LoaderTestbed.SOURCE;
import static dev.sluice.lambda.dynamodb.LoaderTestbed.TABLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.aws.config.ConfigSource;
import dev.sluice.aws.s3.S3ObjectRef;
import dev.sluice.lambda.runtime.InvocationReport;
import dev.sluice.lambda.runtime.ObjectPipeline;
import dev.sluice.lambda.runtime.PipelineMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/** A throttling table that returns unprocessed items: the final table is still exact, or the invocation fails. */
class LoaderFaultTest {

    static final Backoff FAST = new Backoff(Duration.ofMillis(1), Duration.ofMillis(4), 12);
    static final int ROWS = 600;

    private static LoaderTestbed testbed;
    private static S3Client s3;
    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void start() throws Exception {
        testbed = LoaderTestbed.start();
        s3 = testbed.s3();
        dynamoDb = testbed.dynamoDb().client();
        StringBuilder csv = new StringBuilder("customer_id,seq,name\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append(i % 300).append(',').append(i).append(",n").append(i).append('\n');
        }
        s3.putObject(b -> b.bucket(SOURCE).key("customers.csv"), RequestBody.fromString(csv.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        testbed.close();
    }

    @BeforeEach
    void emptyTable() {
        testbed.emptyTable();
    }

    static ObjectPipeline pipeline(FlakyDynamoDb flaky, WriteMode mode, Backoff backoff) {
        LoaderConfig config = LoaderConfig.from(ConfigSource.of(Map.of(
                "TABLE_NAME", TABLE, "REJECTS_BUCKET", ERRORS, "WRITE_MODE", mode.name(), "WRITE_CONCURRENCY", "6")));
        return LoaderFunction.pipeline(
                s3, config, PipelineMetrics.none(), new LoaderProcessor(s3, flaky, config, backoff));
    }

    static InvocationReport load(ObjectPipeline pipeline) {
        return pipeline.process(List.of(S3ObjectRef.of(SOURCE, "customers.csv")));
    }

    static void assertTableIsExact() {
        Map<String, Map<String, AttributeValue>> table = testbed.items();
        assertThat(table).hasSize(300);
        for (int k = 0; k < 300; k++) {
            int last = k + 300 * ((ROWS - 1 - k) / 300);
            assertThat(table.get(Integer.toString(k)))
                    .as("key " + k)
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            KEY,
                            AttributeValue.fromS(Integer.toString(k)),
                            "seq",
                            AttributeValue.fromN(Integer.toString(last)),
                            "name",
                            AttributeValue.fromS("n" + last)));
        }
    }

    @ParameterizedTest
    @EnumSource(WriteMode.class)
    void throttlingAndUnprocessedItemsAreRetriedUntilTheTableIsExact(WriteMode mode) {
        FlakyDynamoDb flaky = new FlakyDynamoDb(dynamoDb, 3, 7, 0);

        InvocationReport report = load(pipeline(flaky, mode, FAST));

        assertThat(report.processed()).hasSize(1);
        assertThat(flaky.throttled.get()).isPositive();
        assertThat(flaky.unprocessed.get()).isPositive(); // UnprocessedItems (put), per-statement errors (merge)
        assertThat(report.processed().getFirst().result().count("WriteRetries")).isPositive();
        assertTableIsExact();
    }

    @ParameterizedTest
    @EnumSource(WriteMode.class)
    void writesStillFailingAfterTheirRetriesFailTheInvocationAndTheRetryConverges(WriteMode mode) {
        FlakyDynamoDb alwaysThrottled = new FlakyDynamoDb(dynamoDb, 1, 0, 0);

        InvocationReport failed =
                load(pipeline(alwaysThrottled, mode, new Backoff(Duration.ofMillis(1), Duration.ofMillis(2), 3)));

        assertThat(failed.needsRetry()).isTrue();
        assertThat(failed.transientFailures().getFirst().failure().reason()).isEqualTo("WRITE_RETRIES_EXHAUSTED");
        assertThat(failed.transientFailures().getFirst().failure().getMessage())
                .contains("still throttled")
                .contains("after 3 attempts");

        // Lambda retries the event; the table has recovered.
        InvocationReport retried = load(pipeline(new FlakyDynamoDb(dynamoDb, 5, 3, 40), mode, FAST));

        assertThat(retried.processed()).hasSize(1);
        assertTableIsExact();
    }
}
