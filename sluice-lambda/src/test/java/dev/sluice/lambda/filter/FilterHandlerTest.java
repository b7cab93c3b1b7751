package dev.sluice.lambda.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.sluice.aws.config.ConfigSource;
import dev.sluice.aws.failure.SkipReason;
import dev.sluice.aws.s3.S3EventRecords;
import dev.sluice.aws.s3.S3ObjectRef;
import dev.sluice.core.csv.CsvFilter;
import dev.sluice.lambda.runtime.InvocationFailedException;
import dev.sluice.lambda.runtime.ObjectOutcome;
import dev.sluice.lambda.runtime.ObjectPipeline;
import dev.sluice.lambda.runtime.PipelineMetrics;
import dev.sluice.lambda.testing.TestContext;
import dev.sluice.testkit.s3.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The handlers against a real S3 wire endpoint (in-process S3Proxy) with real event JSON. */
class FilterHandlerTest {

    static final String SOURCE = "sluice-source";
    static final String DESTINATION = "sluice-filtered";
    static final byte[] CSV = "name,score\na,5.0\nb,3.1\nc,4.8\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] KEPT = "name,score\na,5.0\nc,4.8\n".getBytes(StandardCharsets.UTF_8);

    private static S3ProxyServer server;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.withBuckets(SOURCE, DESTINATION);
        s3 = server.client();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void emptyBuckets() {
        server.emptyBuckets(SOURCE, DESTINATION);
    }

    private static ObjectPipeline pipeline(String... env) {
        Map<String, String> map = new HashMap<>(Map.of("DESTINATION_BUCKET", DESTINATION));
        for (int i = 0; i < env.length; i += 2) {
            map.put(env[i], env[i + 1]);
        }
        return FilterFunction.pipeline(s3, FilterConfig.from(ConfigSource.of(map)), PipelineMetrics.none());
    }

    private static FilterS3Handler handler(String... env) {
        return new FilterS3Handler(pipeline(env));
    }

    private static void put(String key, byte[] body) {
        s3.putObject(b -> b.bucket(SOURCE).key(key), RequestBody.fromBytes(body));
    }

    private static byte[] get(String bucket, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    private static List<String> keys(String bucket) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                .map(S3Object::key)
                .sorted()
                .toList();
    }

    @ParameterizedTest
    @Event(value = "events/moto-s3-event.json", type = S3Event.class)
    void motoEventWithEncodedSlashFiltersTheObjectRowsByteForByte(S3Event event) {
        put("incoming/customers.csv", CSV);

        handler().handleRequest(event, new TestContext());

        assertThat(get(DESTINATION, "incoming/customers.csv")).isEqualTo(KEPT);
    }

    @Test
    void outputCarriesSourceIdentityRuleAndCounts() {
        put("incoming/customers.csv", CSV);
        handler().handleRequest(EventLoader.loadS3Event("events/moto-s3-event.json"), new TestContext());

        var head = s3.headObject(b -> b.bucket(DESTINATION).key("incoming/customers.csv"));
        assertThat(head.metadata())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "sluice-source-bucket", SOURCE,
                        "sluice-source-key", "incoming%2Fcustomers.csv",
                        "sluice-source-etag", "db0f994316cf0e54d18d67cc3361af6d",
                        "sluice-filter-rule", "gt 4.7 columns=* match=any",
                        "sluice-rows-in", "3",
                        "sluice-rows-kept", "2"));
        assertThat(head.contentType()).isEqualTo("text/csv; charset=utf-8");
    }

    @Test
    void reprocessingTheSameEventRewritesAnIdenticalObject() {
        put("incoming/customers.csv", CSV);
        S3Event event = EventLoader.loadS3Event("events/moto-s3-event.json");
        handler().handleRequest(event, new TestContext());
        var first = s3.getObjectAsBytes(b -> b.bucket(DESTINATION).key("incoming/customers.csv"));

        handler().handleRequest(event, new TestContext("second-delivery"));
        var second = s3.getObjectAsBytes(b -> b.bucket(DESTINATION).key("incoming/customers.csv"));

        assertThat(second.asByteArray()).isEqualTo(first.asByteArray());
        assertThat(second.response().metadata()).isEqualTo(first.response().metadata());
        assertThat(second.response().eTag()).isEqualTo(first.response().eTag());
        assertThat(keys(DESTINATION)).containsExactly("incoming/customers.csv");
    }

    @Test
    void everyRecordIsProcessedWithDecodedKeysAndNonCsvAndFolderKeysAreSkipped() {
        for (String key : List.of(
                "reports/2024/my file.csv", "a+b.csv", "café/数据.CSV", "notes.txt", "deep/nested/prefix/copy.csv")) {
            put(key, CSV);
        }
        S3Event event = EventLoader.loadS3Event("events/s3-multi-record-event.json");

        var report = pipeline().process(S3EventRecords.from(event));

        assertThat(report.processed())
                .extracting(p -> p.object().key())
                .containsExactly("reports/2024/my file.csv", "a+b.csv", "café/数据.CSV", "deep/nested/prefix/copy.csv");
        assertThat(report.skipped())
                .extracting(ObjectOutcome.Skipped::reason)
                .containsExactly(SkipReason.UNSUPPORTED_SUFFIX, SkipReason.FOLDER);
        assertThat(report.failed()).isEmpty();
        assertThat(keys(DESTINATION))
                .containsExactly("a+b.csv", "café/数据.CSV", "deep/nested/prefix/copy.csv", "reports/2024/my file.csv");
        assertThat(get(DESTINATION, "café/数据.CSV")).isEqualTo(KEPT);
        assertThat(report.processed().getFirst().result().counts())
                .containsEntry("RowsIn", 3L)
                .containsEntry("RowsKept", 2L);
    }

    @ParameterizedTest
    @Event(value = "events/powerex-s3-put-event.json", type = S3Event.class)
    void seedPowerexPdfEventIsSkippedNotFailed(S3Event event) {
        handler().handleRequest(event, new TestContext()); // the bucket does not even exist: never read
        assertThat(keys(DESTINATION)).isEmpty();
    }

    @Test
    void missingObjectIsPermanentAndGetsAnErrorReport() {
        var handler = handler();
        handler.handleRequest(EventLoader.loadS3Event("events/s3-missing-object-event.json"), new TestContext());

        assertThat(keys(DESTINATION)).containsExactly("_errors/gone.csv.json");
        assertThat(new String(get(DESTINATION, "_errors/gone.csv.json"), StandardCharsets.UTF_8))
                .contains("\"reason\" : \"OBJECT_GONE\"")
                .contains("\"sourceKey\" : \"gone.csv\"")
                .contains("\"sourceETag\" : \"db0f994316cf0e54d18d67cc3361af6d\"");
    }

    @Test
    void aUtf16SourceIsAPermanentFailureNamingTheEncodingNotAHeaderOnlyOutput() {
        put("utf16.csv", "\uFEFFname,score\na,5.0\n".getBytes(StandardCharsets.UTF_16LE));

        var report = pipeline().process(List.of(S3ObjectRef.of(SOURCE, "utf16.csv")));

        assertThat(report.failed()).singleElement().satisfies(f -> {
            assertThat(f.isTransient()).isFalse();
            assertThat(f.failure().reason()).isEqualTo("UNSUPPORTED_ENCODING");
            assertThat(f.failure().getMessage()).contains("looks like UTF-16LE");
        });
        assertThat(keys(DESTINATION)).containsExactly("_errors/utf16.csv.json");
    }

    @Test
    void aRowLongerThanMaxRecordSizeIsAPermanentFailureWithItsLine() {
        put("long.csv", ("name,score\na,5.0\nb," + "9".repeat(3000) + "\n").getBytes(StandardCharsets.UTF_8));

        var report = pipeline("MAX_RECORD_SIZE", "2K").process(List.of(S3ObjectRef.of(SOURCE, "long.csv")));

        assertThat(report.failed()).singleElement().satisfies(f -> {
            assertThat(f.failure().reason()).isEqualTo("RECORD_TOO_LONG");
            assertThat(f.failure().line()).isEqualTo(3);
        });
        assertThat(keys(DESTINATION)).containsExactly("_errors/long.csv.json");
    }

    @Test
    void malformedCsvIsReportedWithItsLineAndNoOutputIsLeft() {
        byte[] bad = "name,score\na,5.0\n\"b,6\n".getBytes(StandardCharsets.UTF_8);
        put("bad.csv", bad);

        var report =
                pipeline().process(S3EventRecords.from(EventLoader.loadS3Event("events/s3-malformed-csv-event.json")));

        assertThat(report.failed()).singleElement().satisfies(f -> {
            assertThat(f.isTransient()).isFalse();
            assertThat(f.failure().reason()).isEqualTo("MALFORMED_CSV");
            assertThat(f.failure().line()).isEqualTo(3);
            assertThat(f.reportLocation()).isEqualTo("s3://sluice-filtered/_errors/bad.csv.json");
        });
        assertThat(keys(DESTINATION)).containsExactly("_errors/bad.csv.json");
        assertThat(new String(get(DESTINATION, "_errors/bad.csv.json"), StandardCharsets.UTF_8))
                .contains("\"reason\" : \"MALFORMED_CSV\"")
                .contains("\"line\" : 3");
        assertThat(report.needsRetry()).isFalse();
    }

    @Test
    void aSuccessfulRunOfAKeyDeletesTheErrorReportOfItsEarlierRunOnly() {
        put("other.csv", "name,score\na,\"5\n".getBytes(StandardCharsets.UTF_8));
        put("fixed.csv", "name,score\na,\"5\n".getBytes(StandardCharsets.UTF_8));
        pipeline().process(List.of(S3ObjectRef.of(SOURCE, "other.csv"), S3ObjectRef.of(SOURCE, "fixed.csv")));
        assertThat(keys(DESTINATION)).containsExactly("_errors/fixed.csv.json", "_errors/other.csv.json");

        put("fixed.csv", CSV);
        var report = pipeline().process(List.of(S3ObjectRef.of(SOURCE, "fixed.csv")));

        assertThat(report.processed()).hasSize(1);
        assertThat(keys(DESTINATION)).containsExactly("_errors/other.csv.json", "fixed.csv");
    }

    @Test
    void missingDestinationBucketIsTransientAndFailsTheInvocation() {
        put("incoming/customers.csv", CSV);
        var handler = new FilterS3Handler(FilterFunction.pipeline(
                s3,
                FilterConfig.from(ConfigSource.of(Map.of("DESTINATION_BUCKET", "sluice-no-such-bucket"))),
                PipelineMetrics.none()));

        assertThatThrownBy(() ->
                        handler.handleRequest(EventLoader.loadS3Event("events/moto-s3-event.json"), new TestContext()))
                .isInstanceOf(InvocationFailedException.class)
                .hasMessageStartingWith("1 object(s) failed transiently and will be retried: "
                        + "s3://sluice-source/incoming/customers.csv (DESTINATION_WRITE_FAILED: writing "
                        + "s3://sluice-no-such-bucket/incoming/customers.csv failed");
        assertThat(keys(DESTINATION)).isEmpty();
    }

    @Test
    void objectOverwrittenAfterTheEventIsSkippedAsSuperseded() {
        put("stale.csv", CSV);
        var report =
                pipeline().process(S3EventRecords.from(EventLoader.loadS3Event("events/s3-stale-etag-event.json")));
        assertThat(report.skipped()).extracting(ObjectOutcome.Skipped::reason).containsExactly(SkipReason.SUPERSEDED);
        assertThat(keys(DESTINATION)).isEmpty();
    }

    @Test
    void loopGuardNeverProcessesTheOwnOutputPrefix() {
        put("filtered/incoming/customers.csv", CSV);
        var sameBucket = FilterFunction.pipeline(
                s3,
                FilterConfig.from(ConfigSource.of(
                        Map.of("DESTINATION_BUCKET", SOURCE, "SOURCE_BUCKET", SOURCE, "OUTPUT_PREFIX", "filtered/"))),
                PipelineMetrics.none());

        var report =
                sameBucket.process(S3EventRecords.from(EventLoader.loadS3Event("events/s3-own-output-event.json")));

        assertThat(report.skipped()).extracting(ObjectOutcome.Skipped::reason).containsExactly(SkipReason.OWN_OUTPUT);
        assertThat(keys(SOURCE)).containsExactly("filtered/incoming/customers.csv");
    }

    @Test
    void outputPrefixIsPrependedToTheSourceKey() {
        put("incoming/customers.csv", CSV);
        handler("OUTPUT_PREFIX", "filtered/")
                .handleRequest(EventLoader.loadS3Event("events/moto-s3-event.json"), new TestContext());
        assertThat(keys(DESTINATION)).containsExactly("filtered/incoming/customers.csv");
    }

    @Test
    void sqsBatchReportsOnlyTheMessagesToRetry() {
        put("queued/one.csv", CSV);
        put("queued/two words.csv", CSV);
        var handler = new FilterSqsHandler(pipeline());

        SQSBatchResponse response =
                handler.handleRequest(EventLoader.loadSQSEvent("events/sqs-s3-events.json"), new TestContext());

        assertThat(response.getBatchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("33333333-3333-4333-8333-333333333333"); // the body that is not an S3 event
        assertThat(keys(DESTINATION)).containsExactly("queued/one.csv", "queued/two words.csv");
    }

    @Test
    void sqsBatchRetriesMessagesWhoseObjectsFailedTransiently() {
        put("queued/one.csv", CSV);
        put("queued/two words.csv", CSV);
        var handler = new FilterSqsHandler(FilterFunction.pipeline(
                s3,
                FilterConfig.from(ConfigSource.of(Map.of("DESTINATION_BUCKET", "sluice-no-such-bucket"))),
                PipelineMetrics.none()));

        SQSBatchResponse response =
                handler.handleRequest(EventLoader.loadSQSEvent("events/sqs-s3-events.json"), new TestContext());

        assertThat(response.getBatchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(
                        "11111111-1111-4111-8111-111111111111",
                        "33333333-3333-4333-8333-333333333333",
                        "44444444-4444-4444-8444-444444444444");
    }

    @Test
    void seedAgeroSamplesAreFilteredByteForByte() throws IOException {
        var p = pipeline();
        for (String name : List.of("valid.csv", "dirty.csv")) {
            byte[] body;
            try (InputStream in = FilterHandlerTest.class.getResourceAsStream("/seed/agero/" + name)) {
                body = Objects.requireNonNull(in, name).readAllBytes();
            }
            put("agero/" + name, body);
            var report = p.process(List.of(S3ObjectRef.of(SOURCE, "agero/" + name)));
            assertThat(report.processed()).hasSize(1);
            assertThat(get(DESTINATION, "agero/" + name)).isEqualTo(filteredLocally(body));
        }
        assertThat(new String(get(DESTINATION, "agero/dirty.csv"), StandardCharsets.UTF_8))
                .contains("10\n09.1\n10.1\n")
                .doesNotContain("4.7");
    }

    @Test
    void emptySeedFileIsReportedAsHavingNoHeader() throws IOException {
        put("agero/empty.csv", new byte[0]);
        var report = pipeline().process(List.of(S3ObjectRef.of(SOURCE, "agero/empty.csv")));
        assertThat(report.failed())
                .singleElement()
                .satisfies(f -> assertThat(f.failure().reason()).isEqualTo("NO_HEADER"));
    }

    private static byte[] filteredLocally(byte[] body) throws IOException {
        var out = new ByteArrayOutputStream();
        CsvFilter.of(dev.sluice.core.csv.FilterRule.defaults()).filter(new ByteArrayInputStream(body), out);
        return out.toByteArray();
    }

    @Test
    void missingObjectReadThroughNoSuchKeyIsNeverRetried() {
        var report =
                pipeline().process(S3EventRecords.from(EventLoader.loadS3Event("events/s3-missing-object-event.json")));
        assertThat(report.needsRetry()).isFalse();
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(DESTINATION).key("gone.csv")))
                .isInstanceOf(NoSuchKeyException.class);
    }
}
