package dev.sluice.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.aws.config.ConfigSource;
import dev.sluice.core.csv.CsvFilter;
import dev.sluice.core.csv.FilterRule;
import dev.sluice.lambda.runtime.ObjectOutcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The endpoint fails requests (5xx, connection reset mid-body, slow responses) and the pipeline still produces exactly
 * the right outputs, never a partial object, and parks what can never succeed in the dead-letter folder.
 */
class FaultInjectionTest {

    @TempDir
    Path dataDir;

    @Test
    void everyOutputIsExactDespiteFaultsAndNothingPartialIsLeft() throws Exception {
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        inputs.put("small/a.csv", "name,score\na,5.0\nb,3.1\nc,4.8\n".getBytes());
        inputs.put("small/quoted.csv", "id,note,v\n1,\"x, y\",9\n2,\"z\"\"\",1\n".getBytes());
        inputs.put("big/readings.csv", generated(20L * 1024 * 1024)); // output > 8 MiB: multipart
        inputs.put("doomed/never.csv", "name,score\na,9\n".getBytes()); // its destination write always fails

        FaultyBlobStore[] faults = new FaultyBlobStore[1];
        var config =
                FilterStack.config(FilterStack.SOURCE_BUCKET, FilterStack.FILTERED_BUCKET, ConfigSource.of(Map.of()));
        var builder = FilterStack.register(
                        LocalStack.builder().port(0).dataDir(dataDir).firstBackoff(Duration.ofMillis(20)),
                        FilterStack.SOURCE_BUCKET,
                        config)
                .decorate(store -> faults[0] = new FaultyBlobStore(store, FilterStack.FILTERED_BUCKET));
        try (LocalStack stack = builder.start()) {
            S3Client s3 = stack.s3();
            inputs.forEach((key, body) ->
                    s3.putObject(b -> b.bucket(FilterStack.SOURCE_BUCKET).key(key), RequestBody.fromBytes(body)));

            for (var input : inputs.entrySet()) {
                var settled = stack.awaitSettled(FilterStack.SOURCE_BUCKET, input.getKey(), Duration.ofSeconds(120));
                if (input.getKey().startsWith("doomed/")) {
                    assertThat(settled.deadLetter())
                            .as(input.getKey())
                            .isNotNull()
                            .exists();
                    assertThat(settled.attempts()).isEqualTo(3);
                    assertNoObject(s3, input.getKey());
                } else {
                    assertThat(settled.outcome()).as(input.getKey()).isInstanceOf(ObjectOutcome.Processed.class);
                    byte[] output = s3.getObjectAsBytes(
                                    b -> b.bucket(FilterStack.FILTERED_BUCKET).key(input.getKey()))
                            .asByteArray();
                    assertThat(output).as(input.getKey()).isEqualTo(filtered(input.getValue()));
                }
            }
            // Every upload the writer started was completed or aborted (the faults here never fail
            // CreateMultipartUpload
            // itself; when that happens server-side the SDK's retry orphans an upload: see docs/decisions.md).
            assertThat(s3.listMultipartUploads(b -> b.bucket(FilterStack.FILTERED_BUCKET))
                            .uploads())
                    .isEmpty();
            assertThat(faults[0].injected.get()).isGreaterThan(10);
        }
    }

    private static void assertNoObject(S3Client s3, String key) {
        try {
            s3.headObject(b -> b.bucket(FilterStack.FILTERED_BUCKET).key(key));
            throw new AssertionError("a partial or failed output became visible: " + key);
        } catch (NoSuchKeyException expected) {
            // nothing visible: right
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            assertThat(e.statusCode()).isEqualTo(404);
        }
    }

    private static byte[] generated(long bytes) throws IOException {
        var out = new ByteArrayOutputStream();
        DemoData.write(out, bytes, 7);
        return out.toByteArray();
    }

    private static byte[] filtered(byte[] input) throws IOException {
        var out = new ByteArrayOutputStream();
        CsvFilter.of(FilterRule.defaults()).filter(new ByteArrayInputStream(input), out);
        return out.toByteArray();
    }
}
