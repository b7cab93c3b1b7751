package dev.sluice.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.aws.config.ConfigSource;
import dev.sluice.aws.failure.SkipReason;
import dev.sluice.lambda.filter.FilterConfig;
import dev.sluice.lambda.filter.FilterFunction;
import dev.sluice.lambda.filter.FilterProcessor;
import dev.sluice.lambda.runtime.ObjectOutcome;
import dev.sluice.lambda.runtime.PipelineMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.DelegatingS3Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Overwrite races through the embedded stack (`./sluice up`): its events, journal and concurrent workers. Run 1 of a
 * key is held at a chosen point while the key is overwritten and run 2 completes; the output must stay version 2's.
 */
class LocalOverwriteRaceTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String SOURCE = FilterStack.SOURCE_BUCKET;
    static final String FILTERED = FilterStack.FILTERED_BUCKET;
    static final String KEY = "in/orders.csv";
    static final byte[] V1 = "name,score\nold-a,5.0\nold-b,9.9\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] V2 = "name,score\nnew,4.8\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dataDir;

    enum Pause {
        /** Before run 1's first request to the filtered bucket (on the unguarded code, its commit). */
        FIRST_DESTINATION_REQUEST,
        /** Between run 1's version check and its commit. */
        COMMIT
    }

    private LocalStack start(Gate gate) throws Exception {
        FilterConfig config = FilterStack.config(SOURCE, FILTERED, ConfigSource.of(Map.of()));
        return LocalStack.builder()
                .port(0)
                .dataDir(dataDir)
                .workers(2)
                .bucket(SOURCE)
                .bucket(FILTERED)
                .route(
                        FilterStack.ROUTE,
                        SOURCE,
                        ".csv",
                        ctx -> FilterFunction.pipeline(new GatedClient(ctx.s3(), gate), config, PipelineMetrics.none())
                                ::process)
                .start();
    }

    @ParameterizedTest
    @EnumSource(Pause.class)
    void theOlderRunFinishingLastLeavesTheNewerOutput(Pause pause) throws Exception {
        Gate gate = new Gate(pause);
        try (LocalStack stack = start(gate)) {
            List<ObjectOutcome> settled = new CopyOnWriteArrayList<>();
            stack.addListener((route, outcome, attempts, deadLetter) -> settled.add(outcome));

            String v1 = put(stack, V1);
            assertThat(gate.reached.await(30, TimeUnit.SECONDS))
                    .as("run 1 reaches " + pause)
                    .isTrue();
            String v2 = put(stack, V2);
            awaitOutcome(settled, v2, ObjectOutcome.Processed.class); // run 2, while run 1 is held
            gate.release.countDown();
            awaitOutcome(settled, v1, ObjectOutcome.Skipped.class); // run 1

            assertThat(output(stack)).isEqualTo("name,score\nnew,4.8\n");
            assertThat(stack.s3().headObject(b -> b.bucket(FILTERED).key(KEY)).metadata())
                    .containsEntry(FilterProcessor.META_SOURCE_ETAG, v2);
            // S3 delivers events at least once, so version 1 may have run more than once: never with an output.
            assertThat(settled)
                    .filteredOn(o -> v1.equals(o.object().eTag()))
                    .isNotEmpty()
                    .allSatisfy(o -> assertThat(o)
                            .isInstanceOfSatisfying(
                                    ObjectOutcome.Skipped.class,
                                    s -> assertThat(s.reason()).isEqualTo(SkipReason.SUPERSEDED)));
        }
    }

    /** Waits for an outcome of the given kind for the source version {@code eTag}. */
    private static void awaitOutcome(List<ObjectOutcome> settled, String eTag, Class<? extends ObjectOutcome> kind)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (settled.stream().noneMatch(o -> eTag.equals(o.object().eTag()) && kind.isInstance(o))) {
            assertThat(System.nanoTime() < deadline)
                    .as(
                            "a %s outcome for ETag %s within %s; outcomes so far: %s",
                            kind.getSimpleName(), eTag, WAIT, settled)
                    .isTrue();
            Thread.sleep(10);
        }
    }

    @Test
    void theOlderRunFinishingFirstIsReplacedByTheNewerOne() throws Exception {
        try (LocalStack stack = start(new Gate(null))) {
            put(stack, V1);
            stack.awaitSettled(SOURCE, KEY, WAIT);
            assertThat(output(stack)).isEqualTo("name,score\nold-a,5.0\nold-b,9.9\n");
            stack.forget(SOURCE, KEY);

            String v2 = put(stack, V2);
            stack.awaitSettled(SOURCE, KEY, WAIT);

            assertThat(output(stack)).isEqualTo("name,score\nnew,4.8\n");
            assertThat(stack.s3().headObject(b -> b.bucket(FILTERED).key(KEY)).metadata())
                    .containsEntry(FilterProcessor.META_SOURCE_ETAG, v2);
        }
    }

    private static String put(LocalStack stack, byte[] body) {
        return stack.s3()
                .putObject(b -> b.bucket(SOURCE).key(KEY), RequestBody.fromBytes(body))
                .eTag()
                .replace("\"", "");
    }

    private static String output(LocalStack stack) {
        return stack.s3().getObjectAsBytes(b -> b.bucket(FILTERED).key(KEY)).asUtf8String();
    }

    /** Holds the first request of the chosen kind to the filtered bucket, whichever worker sends it. */
    static final class Gate {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final Pause pause;
        final AtomicBoolean held = new AtomicBoolean();

        Gate(Pause pause) {
            this.pause = pause;
        }

        void hold(Pause at) {
            if (pause != null
                    && (at == pause || pause == Pause.FIRST_DESTINATION_REQUEST)
                    && held.compareAndSet(false, true)) {
                reached.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    static final class GatedClient extends DelegatingS3Client {
        private final Gate gate;

        GatedClient(S3Client delegate, Gate gate) {
            super(delegate);
            this.gate = gate;
        }

        @Override
        public HeadObjectResponse headObject(HeadObjectRequest request) {
            if (FILTERED.equals(request.bucket()) && gate.pause == Pause.FIRST_DESTINATION_REQUEST) {
                gate.hold(Pause.FIRST_DESTINATION_REQUEST);
            }
            return super.headObject(request);
        }

        @Override
        public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
            if (FILTERED.equals(request.bucket()) && !request.key().startsWith("_errors/")) {
                gate.hold(Pause.COMMIT);
            }
            return super.putObject(request, body);
        }
    }
}
