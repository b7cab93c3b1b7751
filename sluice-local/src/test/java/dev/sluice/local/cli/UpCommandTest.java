package dev.sluice.local.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.local.command.ExitCode;
import dev.sluice.local.command.StdStreams;
import dev.sluice.testkit.LocalClients;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** {@code sluice up} end to end, in-process: start it, upload with an S3 client, wait for the output, stop it. */
class UpCommandTest {

    private static final Pattern CONSOLE = Pattern.compile("Console     : (http://127\\.0\\.0\\.1:\\d+/)");
    private static final Pattern ENDPOINT = Pattern.compile("S3 endpoint : (http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @Test
    void upServesS3FiltersNewCsvFilesAndStopsCleanly() throws Exception {
        AtomicInteger exit = new AtomicInteger(-1);
        Thread up = Thread.ofPlatform()
                .name("sluice-up-test")
                .start(() -> exit.set(SluiceCli.run(
                        new StdStreams(
                                new ByteArrayInputStream(new byte[0]), stdout, new PrintStream(stderr, true, UTF_8)),
                        "up",
                        "--port",
                        "0",
                        "--dynamodb-port",
                        "0",
                        "--pg-port",
                        "0",
                        "--console-port",
                        "0",
                        "--data-dir",
                        dataDir.toString())));
        try {
            URI endpoint = awaitEndpoint();
            String banner = stdout.toString(UTF_8);
            assertThat(banner)
                    .contains(
                            "sluice-source",
                            "sluice-filtered",
                            "gt 4.7 columns=* match=any",
                            "sluice-ingestion",
                            "aws --endpoint-url " + endpoint + " s3 cp data.csv s3://sluice-source/data.csv",
                            "AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test",
                            "Press Ctrl-C to stop.",
                            "kept in " + dataDir.resolve("postgres"),
                            "totesys (Totesys, created, 715 rows seeded)");
            Matcher console = CONSOLE.matcher(banner);
            assertThat(console.find())
                    .as("the banner prints the console URL: " + banner)
                    .isTrue();
            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(console.group(1) + "health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.body())
                    .isEqualTo("{\"status\":\"UP\",\"components\":{\"s3\":\"UP\",\"warehouse\":\"UP\"}}");

            try (S3Client s3 = LocalClients.s3(endpoint)) {
                s3.putObject(
                        b -> b.bucket("sluice-source").key("incoming/prices.csv"),
                        RequestBody.fromString("item,price\napple,5.5\npear,1.2\n"));
                assertThat(awaitObject(s3, "sluice-filtered", "incoming/prices.csv"))
                        .isEqualTo("item,price\napple,5.5\n");
                // The Totesys extract runs once at start-up: its first batch manifest lands in the ingestion bucket.
                // Every listed key, not only the first: the local S3 never lists a write in flight (<key>-<uuid>).
                assertThat(awaitKeysUnder(s3, "sluice-ingestion", "ingestion/_batches/"))
                        .isNotEmpty()
                        .allSatisfy(key -> assertThat(key).endsWith(".json"));
            }
        } finally {
            up.interrupt(); // what Ctrl-C's shutdown hook does, minus the JVM exit
            up.join(60_000); // also on failure: @TempDir must not vanish under PostgreSQL
        }
        assertThat(up.isAlive()).isFalse();
        assertThat(exit).hasValue(0);
        assertThat(dataDir.resolve("s3/sluice-filtered")).exists(); // data kept for the next start
        assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();
    }

    @Test
    void aBadFilterVariableIsAUsageErrorBeforeAnythingStarts() {
        // FILTER_* come from the environment; a loop (same bucket twice, no prefix) is refused the same way.
        int code = SluiceCli.run(
                new StdStreams(new ByteArrayInputStream(new byte[0]), stdout, new PrintStream(stderr, true, UTF_8)),
                "up",
                "--port",
                "0",
                "--data-dir",
                dataDir.toString(),
                "--source-bucket",
                "same-bucket",
                "--filtered-bucket",
                "same-bucket");
        assertThat(code).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr.toString(UTF_8))
                .startsWith("sluice up: loop guard: SOURCE_BUCKET and DESTINATION_BUCKET are both 'same-bucket'");
    }

    private URI awaitEndpoint() throws InterruptedException {
        for (int i = 0; i < 2400; i++) { // 2 min: a cold start (initdb, DynamoDB Local) on a loaded 2-core machine
            Matcher m = ENDPOINT.matcher(stdout.toString(UTF_8));
            if (m.find() && stdout.toString(UTF_8).contains("Press Ctrl-C")) {
                return URI.create(m.group(1));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("sluice up printed no endpoint; stderr: " + stderr.toString(UTF_8));
    }

    /** A key ending in {@code suffix}: the filesystem store can list an object's temporary file while it is written. */
    private static java.util.List<String> awaitKeysUnder(S3Client s3, String bucket, String prefix)
            throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            try {
                var keys = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                        .map(o -> o.key())
                        .toList();
                if (!keys.isEmpty()) {
                    return keys;
                }
            } catch (software.amazon.awssdk.services.s3.model.NoSuchBucketException e) {
                // the bucket is created by the Totesys component just before its first run
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no object under s3://" + bucket + "/" + prefix);
    }

    private static String awaitObject(S3Client s3, String bucket, String key) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            try {
                return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
            } catch (NoSuchKeyException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("no s3://" + bucket + "/" + key + " after 30 s");
    }
}
