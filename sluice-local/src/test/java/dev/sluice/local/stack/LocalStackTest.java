package dev.sluice.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.aws.config.ConfigSource;
import dev.sluice.aws.failure.TransientFailure;
import dev.sluice.aws.s3.S3MultipartOutputStream;
import dev.sluice.aws.s3.S3ObjectRef;
import dev.sluice.lambda.runtime.InvocationReport;
import dev.sluice.lambda.runtime.ObjectOutcome;
import dev.sluice.lambda.runtime.ObjectResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

class LocalStackTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final byte[] CSV = "name,score\na,5.0\nb,3.1\nc,4.8\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] KEPT = "name,score\na,5.0\nc,4.8\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dataDir;

    private static InvocationReport processedAll(List<S3ObjectRef> objects) {
        return new InvocationReport(objects.stream()
                .<ObjectOutcome>map(o ->
                        new ObjectOutcome.Processed(o, new ObjectResult("test", Map.of(), Map.of()), Duration.ZERO))
                .toList());
    }

    private static InvocationReport failedAll(List<S3ObjectRef> objects) {
        return new InvocationReport(objects.stream()
                .<ObjectOutcome>map(o -> new ObjectOutcome.Failed(
                        o, new TransientFailure("TEST", "injected", null), Duration.ZERO, null))
                .toList());
    }

    private LocalStack.Builder filterStack() {
        var config =
                FilterStack.config(FilterStack.SOURCE_BUCKET, FilterStack.FILTERED_BUCKET, ConfigSource.of(Map.of()));
        return FilterStack.register(LocalStack.builder().port(0).dataDir(dataDir), FilterStack.SOURCE_BUCKET, config);
    }

    @Test
    void aCsvPutInTheSourceBucketIsFilteredIntoTheFilteredBucket() throws Exception {
        try (LocalStack stack = filterStack().start()) {
            stack.s3().putObject(b -> b.bucket("sluice-source").key("in/my file+1.csv"), RequestBody.fromBytes(CSV));

            var settled = stack.awaitSettled("sluice-source", "in/my file+1.csv", WAIT);

            assertThat(settled.outcome()).isInstanceOf(ObjectOutcome.Processed.class);
            assertThat(settled.attempts()).isEqualTo(1);
            assertThat(stack.s3()
                            .getObjectAsBytes(b -> b.bucket("sluice-filtered").key("in/my file+1.csv"))
                            .asByteArray())
                    .isEqualTo(KEPT);
        }
    }

    @Test
    void putMultipartAndCopyEachNotifyOnceWithTheirEventName() throws Exception {
        List<S3ObjectRef> seen = new CopyOnWriteArrayList<>();
        try (LocalStack stack = LocalStack.builder()
                .port(0)
                .dataDir(dataDir)
                .route("recorder", "bucket-a", "", ctx -> objects -> {
                    seen.addAll(objects);
                    return processedAll(objects);
                })
                .start()) {
            var s3 = stack.s3();
            s3.putObject(b -> b.bucket("bucket-a").key("put.csv"), RequestBody.fromBytes(CSV));
            try (var out = new S3MultipartOutputStream(
                    s3,
                    PutObjectRequest.builder().bucket("bucket-a").key("big.csv").build())) {
                out.write(new byte[S3MultipartOutputStream.MIN_PART_SIZE + 1]);
            }
            s3.copyObject(b -> b.sourceBucket("bucket-a")
                    .sourceKey("put.csv")
                    .destinationBucket("bucket-a")
                    .destinationKey("copy.csv"));
            for (String key : List.of("put.csv", "big.csv", "copy.csv")) {
                stack.awaitSettled("bucket-a", key, WAIT);
            }
            assertThat(s3.listMultipartUploads(b -> b.bucket("bucket-a")).uploads())
                    .isEmpty();
        }
        assertThat(seen)
                .extracting(S3ObjectRef::key, S3ObjectRef::eventName)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("put.csv", "ObjectCreated:Put"),
                        org.assertj.core.groups.Tuple.tuple("big.csv", "ObjectCreated:CompleteMultipartUpload"),
                        org.assertj.core.groups.Tuple.tuple("copy.csv", "ObjectCreated:Copy"));
        assertThat(seen)
                .filteredOn(r -> r.key().equals("big.csv"))
                .singleElement()
                .satisfies(r -> assertThat(r.size()).isEqualTo(S3MultipartOutputStream.MIN_PART_SIZE + 1L));
        assertThat(seen)
                .filteredOn(r -> r.key().equals("put.csv"))
                .singleElement()
                .satisfies(r -> assertThat(r.eTag()).matches("[0-9a-f]{32}"));
    }

    @Test
    void keysOutsideTheRouteAreNotDelivered() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (LocalStack stack = filterStackWith(calls).start()) {
            stack.s3().putObject(b -> b.bucket("sluice-source").key("notes.txt"), RequestBody.fromString("x"));
            stack.s3().putObject(b -> b.bucket("sluice-source").key("data.CSV"), RequestBody.fromBytes(CSV));
            stack.awaitSettled("sluice-source", "data.CSV", WAIT);
        }
        assertThat(calls).hasValue(1);
    }

    private LocalStack.Builder filterStackWith(AtomicInteger calls) {
        return LocalStack.builder().port(0).dataDir(dataDir).route("count", "sluice-source", ".csv", ctx -> objects -> {
            calls.incrementAndGet();
            return processedAll(objects);
        });
    }

    @Test
    void aFailingFunctionIsRetriedTwiceThenTheEventIsDeadLettered() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (LocalStack stack = LocalStack.builder()
                .port(0)
                .dataDir(dataDir)
                .firstBackoff(Duration.ofMillis(10))
                .route("broken", "bucket-a", ".csv", ctx -> objects -> {
                    calls.incrementAndGet();
                    return failedAll(objects);
                })
                .start()) {
            stack.s3().putObject(b -> b.bucket("bucket-a").key("x.csv"), RequestBody.fromBytes(CSV));

            var settled = stack.awaitSettled("bucket-a", "x.csv", WAIT);

            assertThat(calls).hasValue(3);
            assertThat(settled.attempts()).isEqualTo(3);
            assertThat(settled.deadLetter()).exists().hasParent(stack.deadLetterDir());
            JsonNode letter = new ObjectMapper().readTree(settled.deadLetter().toFile());
            assertThat(letter.path("attempts").asInt()).isEqualTo(3);
            assertThat(letter.path("error").asText()).isEqualTo("s3://bucket-a/x.csv: TEST: injected");
            assertThat(letter.path("event")
                            .path("Records")
                            .get(0)
                            .path("s3")
                            .path("object")
                            .path("key")
                            .asText())
                    .isEqualTo("x.csv");
            assertThat(pendingFiles()).isEmpty();
        }
    }

    @Test
    void aFunctionThatThrowsIsRetriedAndCanSucceedOnTheSecondAttempt() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (LocalStack stack = LocalStack.builder()
                .port(0)
                .dataDir(dataDir)
                .firstBackoff(Duration.ofMillis(10))
                .route("flaky", "bucket-a", ".csv", ctx -> objects -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new IllegalStateException("first call fails");
                    }
                    return processedAll(objects);
                })
                .start()) {
            stack.s3().putObject(b -> b.bucket("bucket-a").key("x.csv"), RequestBody.fromBytes(CSV));
            var settled = stack.awaitSettled("bucket-a", "x.csv", WAIT);
            assertThat(settled.outcome()).isInstanceOf(ObjectOutcome.Processed.class);
            assertThat(settled.attempts()).isEqualTo(2);
        }
    }

    @Test
    void eventsNotRunBeforeAStopRunAtTheNextStartAndDataSurvives() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> firstRun = new CopyOnWriteArrayList<>();
        LocalStack first = LocalStack.builder()
                .port(0)
                .dataDir(dataDir)
                .workers(1)
                .route("slow", "bucket-a", ".csv", ctx -> objects -> {
                    firstStarted.countDown();
                    awaitQuietly(release);
                    objects.forEach(o -> firstRun.add(o.key()));
                    return processedAll(objects);
                })
                .start();
        first.s3().putObject(b -> b.bucket("bucket-a").key("one.csv"), RequestBody.fromBytes(CSV));
        first.s3().putObject(b -> b.bucket("bucket-a").key("two.csv"), RequestBody.fromBytes(CSV));
        assertThat(firstStarted.await(30, TimeUnit.SECONDS)).isTrue();
        Thread stopper = Thread.ofPlatform().start(() -> {
            try {
                first.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200); // the stop is waiting for the in-flight file
        release.countDown();
        stopper.join(30_000);

        assertThat(firstRun).containsExactly("one.csv"); // in flight: finished; queued: not started
        assertThat(pendingFiles()).hasSize(1);

        List<String> secondRun = new CopyOnWriteArrayList<>();
        try (LocalStack second = LocalStack.builder()
                .port(0)
                .dataDir(dataDir)
                .route("slow", "bucket-a", ".csv", ctx -> objects -> {
                    objects.forEach(o -> secondRun.add(o.key()));
                    return processedAll(objects);
                })
                .start()) {
            second.awaitSettled("bucket-a", "two.csv", WAIT);
            assertThat(second.s3()
                            .getObjectAsBytes(b -> b.bucket("bucket-a").key("one.csv"))
                            .asByteArray())
                    .isEqualTo(CSV);
        }
        assertThat(secondRun).containsExactly("two.csv");
        assertThat(pendingFiles()).isEmpty();
    }

    private List<Path> pendingFiles() throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("events/pending"))) {
            return files.toList();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
