package dev.sluice.lambda.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.sluice.aws.config.ConfigSource;
import dev.sluice.lambda.runtime.PipelineMetrics;
import dev.sluice.lambda.testing.TestContext;
import dev.sluice.testkit.s3.S3ProxyServer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.DelegatingS3Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Two runs of one key, through the Lambda handler, interleaved deterministically: run 1 (version 1) is paused at a
 * chosen point, the key is overwritten (version 2) and run 2 completes, then run 1 resumes. The output must be
 * version 2's, whatever the order; run 1 is skipped as superseded.
 */
class FilterOverwriteRaceTest {

    static final String SOURCE = "race-source";
    static final String DESTINATION = "race-filtered";
    static final String KEY = "incoming/orders.csv";
    static final byte[] V1 = "name,score\nold-a,5.0\nold-b,9.9\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] V2 = "name,score\nnew,4.8\n".getBytes(StandardCharsets.UTF_8);

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

    /** Where run 1 is held while version 2 is written and processed. */
    enum Pause {
        /** Before run 1's first request to the destination (on the unguarded code, its commit). */
        FIRST_DESTINATION_REQUEST,
        /** Between run 1's version check and its commit: only the conditional write can stop it. */
        COMMIT
    }

    @ParameterizedTest
    @EnumSource(Pause.class)
    void olderRunFinishingLastNeverReplacesTheNewerOutput(Pause pause) throws Exception {
        String v1 = put(V1);
        GatedClient gated = new GatedClient(s3, pause);
        CompletableFuture<Void> run1 =
                CompletableFuture.runAsync(() -> handler(gated).handleRequest(event(v1, V1.length), new TestContext()));
        assertThat(gated.reached.await(30, TimeUnit.SECONDS))
                .as("run 1 reaches its pause point " + pause)
                .isTrue();

        String v2 = put(V2);
        handler(s3).handleRequest(event(v2, V2.length), new TestContext("run-2"));
        assertThat(output()).isEqualTo("name,score\nnew,4.8\n");

        gated.release.countDown();
        run1.get(30, TimeUnit.SECONDS);

        assertThat(output()).as("the output of the latest version").isEqualTo("name,score\nnew,4.8\n");
        assertThat(outputMetadata())
                .as("the output names the latest source version")
                .containsEntry(FilterProcessor.META_SOURCE_ETAG, v2)
                .containsEntry(FilterProcessor.META_ROWS_KEPT, "1");
    }

    @Test
    void olderMultipartRunCompletingLastNeverReplacesTheNewerOutput() throws Exception {
        // > 8 MiB kept: the output is a multipart upload, and run 1 is held right before CompleteMultipartUpload.
        byte[] big = ("name,score\n" + "big-row,9.9\n".repeat(800_000)).getBytes(StandardCharsets.UTF_8);
        String v1 = put(big);
        GatedClient gated = new GatedClient(s3, Pause.COMMIT);
        CompletableFuture<Void> run1 = CompletableFuture.runAsync(
                () -> handler(gated).handleRequest(event(v1, big.length), new TestContext()));
        assertThat(gated.reached.await(60, TimeUnit.SECONDS))
                .as("run 1 reaches CompleteMultipartUpload")
                .isTrue();

        String v2 = put(V2);
        handler(s3).handleRequest(event(v2, V2.length), new TestContext("run-2"));
        gated.release.countDown();
        run1.get(60, TimeUnit.SECONDS);

        assertThat(output()).isEqualTo("name,score\nnew,4.8\n");
        assertThat(outputMetadata()).containsEntry(FilterProcessor.META_SOURCE_ETAG, v2);
        assertThat(s3.listMultipartUploads(b -> b.bucket(DESTINATION)).uploads())
                .as("run 1's upload was aborted")
                .isEmpty();
    }

    @Test
    void olderRunFinishingFirstIsReplacedByTheNewerOne() {
        String v1 = put(V1);
        handler(s3).handleRequest(event(v1, V1.length), new TestContext("run-1"));
        assertThat(output()).isEqualTo("name,score\nold-a,5.0\nold-b,9.9\n");

        String v2 = put(V2);
        handler(s3).handleRequest(event(v2, V2.length), new TestContext("run-2"));

        assertThat(output()).isEqualTo("name,score\nnew,4.8\n");
        assertThat(outputMetadata()).containsEntry(FilterProcessor.META_SOURCE_ETAG, v2);
    }

    @Test
    void aLateDeliveryOfTheOlderEventAfterTheNewerOutputIsSkipped() {
        String v1 = put(V1);
        String v2 = put(V2);
        handler(s3).handleRequest(event(v2, V2.length), new TestContext("run-2"));

        handler(s3).handleRequest(event(v1, V1.length), new TestContext("late-run-1"));

        assertThat(output()).isEqualTo("name,score\nnew,4.8\n");
        assertThat(outputMetadata()).containsEntry(FilterProcessor.META_SOURCE_ETAG, v2);
    }

    private static FilterS3Handler handler(S3Client client) {
        FilterConfig config = FilterConfig.from(ConfigSource.of(Map.of("DESTINATION_BUCKET", DESTINATION)));
        return new FilterS3Handler(FilterFunction.pipeline(client, config, PipelineMetrics.none()));
    }

    private static String put(byte[] body) {
        return s3.putObject(b -> b.bucket(SOURCE).key(KEY), RequestBody.fromBytes(body))
                .eTag()
                .replace("\"", "");
    }

    private static String output() {
        return s3.getObjectAsBytes(b -> b.bucket(DESTINATION).key(KEY)).asUtf8String();
    }

    private static Map<String, String> outputMetadata() {
        return s3.headObject(b -> b.bucket(DESTINATION).key(KEY)).metadata();
    }

    private static S3Event event(String eTag, long size) {
        String json = "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\","
                + "\"eventTime\":\"2026-12-06T00:00:00.000Z\",\"eventName\":\"ObjectCreated:Put\","
                + "\"s3\":{\"s3SchemaVersion\":\"1.0\",\"bucket\":{\"name\":\"" + SOURCE + "\"},"
                + "\"object\":{\"key\":\"incoming/orders.csv\",\"size\":" + size + ",\"eTag\":\"" + eTag
                + "\"}}}]}";
        return LambdaEventSerializers.serializerFor(S3Event.class, FilterOverwriteRaceTest.class.getClassLoader())
                .fromJson(json);
    }

    /** Holds the first request of the chosen kind to the destination bucket until released. */
    static final class GatedClient extends DelegatingS3Client {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final Pause pause;
        private final AtomicBoolean held = new AtomicBoolean();

        GatedClient(S3Client delegate, Pause pause) {
            super(delegate);
            this.pause = pause;
        }

        @Override
        public HeadObjectResponse headObject(HeadObjectRequest request) {
            if (pause == Pause.FIRST_DESTINATION_REQUEST && DESTINATION.equals(request.bucket())) {
                hold();
            }
            return super.headObject(request);
        }

        @Override
        public CompleteMultipartUploadResponse completeMultipartUpload(CompleteMultipartUploadRequest request) {
            if (DESTINATION.equals(request.bucket())) {
                hold();
            }
            return super.completeMultipartUpload(request);
        }

        @Override
        public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
            if (DESTINATION.equals(request.bucket()) && !request.key().startsWith("_errors/")) {
                hold();
            }
            return super.putObject(request, body);
        }

        private void hold() {
            if (held.compareAndSet(false, true)) {
                reached.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
