package dev.sluice.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.aws.config.ConfigSource;
import dev.sluice.lambda.runtime.ObjectOutcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The state `kill -9` of `sluice up` leaves mid-burst, rebuilt on disk: an object S3Proxy had completed (renamed into
 * place) whose event was never persisted (the kill came before the 200), S3Proxy's temporary file of another write to
 * the key, and a torn event file ({@code events/pending/*.json.tmp}, 0 bytes). The next start must process the object
 * and leave no temporary file to be listed.
 */
class CrashRecoveryTest {

    static final byte[] CSV = "name,score\na,5.0\nb,3.1\nc,4.8\n".getBytes(StandardCharsets.UTF_8);
    static final String KEY = "burst/file-0042.csv";

    @TempDir
    Path dataDir;

    @Test
    void aCompleteObjectWhoseEventWasLostIsProcessedAtTheNextStartAndTornFilesAreRemoved() throws Exception {
        try (LocalStack bare = LocalStack.builder()
                .port(0)
                .dataDir(dataDir)
                .bucket(FilterStack.SOURCE_BUCKET)
                .bucket(FilterStack.FILTERED_BUCKET)
                .start()) { // no route: the object is stored, no event is written (as when the kill hit first)
            bare.s3().putObject(b -> b.bucket(FilterStack.SOURCE_BUCKET).key(KEY), RequestBody.fromBytes(CSV));
        }
        // What the killed stack left: the intent of the interrupted write, S3Proxy's temporary file, a torn event.
        Path writing = Files.createDirectories(dataDir.resolve("events/writing"));
        Files.writeString(
                writing.resolve("0000019aa0000000-000001.json"),
                "{\"bucket\":\"" + FilterStack.SOURCE_BUCKET + "\",\"key\":\"" + KEY + "\"}");
        Files.writeString(writing.resolve("0000019aa0000000-000002.json"), ""); // torn before its write began
        Path temporary =
                dataDir.resolve("s3").resolve(FilterStack.SOURCE_BUCKET).resolve(KEY + "-" + UUID.randomUUID());
        Files.createFile(temporary);
        Path tornEvent = dataDir.resolve("events/pending/0000019aa0000000-000003.json.tmp");
        Files.createFile(tornEvent);

        var config =
                FilterStack.config(FilterStack.SOURCE_BUCKET, FilterStack.FILTERED_BUCKET, ConfigSource.of(Map.of()));
        try (LocalStack stack = FilterStack.register(
                        LocalStack.builder().port(0).dataDir(dataDir), FilterStack.SOURCE_BUCKET, config)
                .start()) {
            var settled = stack.awaitSettled(FilterStack.SOURCE_BUCKET, KEY, Duration.ofSeconds(20));

            assertThat(settled.outcome()).isInstanceOf(ObjectOutcome.Processed.class);
            assertThat(stack.s3()
                            .getObjectAsBytes(
                                    b -> b.bucket(FilterStack.FILTERED_BUCKET).key(KEY))
                            .asUtf8String())
                    .isEqualTo("name,score\na,5.0\nc,4.8\n");
            assertThat(stack.s3().listObjectsV2Paginator(b -> b.bucket(FilterStack.SOURCE_BUCKET)).contents().stream()
                            .map(S3Object::key))
                    .as("S3Proxy's temporary file is never listed as an object")
                    .containsExactly(KEY);
        }
        assertThat(temporary).doesNotExist();
        assertThat(tornEvent).doesNotExist();
        try (Stream<Path> left = Files.list(writing)) {
            assertThat(left).as("every interrupted write reconciled").isEmpty();
        }
    }
}
