package dev.sluice.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.aws.s3.S3MultipartOutputStream;
import dev.sluice.core.csv.CsvFilter;
import dev.sluice.core.csv.FilterRule;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A 1 GiB object filtered S3-to-S3 by the function in a child JVM capped at {@code -Xmx256m}: the output must match,
 * by row count and SHA-256, the same rule applied locally to the same bytes. Tagged "large" (about 1.5-3 minutes
 * here); .ci/run runs it separately.
 */
@Tag("large")
class LargeObjectTest {

    static final long SIZE = 1024L * 1024 * 1024;
    static final long SEED = 99;

    @TempDir
    Path dataDir;

    @Test
    void aOneGigabyteObjectIsFilteredByAFunctionWithA256MbHeap() throws Exception {
        try (LocalStack stack = LocalStack.builder()
                .port(0)
                .dataDir(dataDir)
                .bucket("sluice-source")
                .bucket("sluice-filtered")
                .start()) {
            // Own threads, not the common pool: on a 2-core machine it has one worker, and expected() needs two.
            CompletableFuture<Expected> expected = new CompletableFuture<>();
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    expected.complete(expected());
                } catch (RuntimeException e) {
                    expected.completeExceptionally(e);
                }
            });
            long t0 = System.nanoTime();
            try (OutputStream upload = new BufferedOutputStream(
                    new S3MultipartOutputStream(
                            stack.s3(),
                            PutObjectRequest.builder()
                                    .bucket("sluice-source")
                                    .key("big/one-gig.csv")
                                    .build()),
                    1 << 16)) {
                DemoData.write(upload, SIZE, SEED);
            }
            long uploadMs = ms(t0);
            var head = stack.s3().headObject(b -> b.bucket("sluice-source").key("big/one-gig.csv"));

            long t1 = System.nanoTime();
            String childOut = runChild(stack, head.contentLength(), head.eTag().replace("\"", ""));
            long filterMs = ms(t1);

            Expected want = expected.get(10, TimeUnit.MINUTES);
            Expected got;
            try (InputStream in =
                    stack.s3().getObject(b -> b.bucket("sluice-filtered").key("big/one-gig.csv"))) {
                got = digest(in);
            }
            System.out.printf(
                    "1 GiB S3-to-S3: upload %d ms, child filter %d ms (%.1f MB/s), %s; output %d bytes, %d lines%n",
                    uploadMs, filterMs, SIZE / 1e6 / (filterMs / 1000.0), childOut.strip(), got.bytes, got.lines);
            assertThat(got.lines).isEqualTo(want.lines);
            assertThat(got.sha256).isEqualTo(want.sha256);
            assertThat(stack.s3()
                            .headObject(b -> b.bucket("sluice-filtered").key("big/one-gig.csv"))
                            .metadata())
                    .containsEntry("sluice-rows-kept", Long.toString(want.lines - 1));
        }
    }

    private String runChild(LocalStack stack, long size, String eTag) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                LargeObjectChild.class.getName(),
                "sluice-source",
                "big/one-gig.csv",
                Long.toString(size),
                eTag));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        var env = pb.environment();
        env.put("DESTINATION_BUCKET", "sluice-filtered");
        env.put("AWS_ENDPOINT_URL_S3", stack.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_REGION", "us-east-1");
        env.put("POWERTOOLS_METRICS_NAMESPACE", "sluice-test");
        env.put("AWS_EMF_ENVIRONMENT", "Local");
        Process child = pb.start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as(out).isZero();
        return out.lines().filter(l -> l.startsWith("CHILD-RESULT")).findFirst().orElse(out);
    }

    record Expected(long bytes, long lines, String sha256) {}

    private static Expected expected() {
        try (PipedInputStream in = new PipedInputStream(1 << 20);
                PipedOutputStream source = new PipedOutputStream(in)) {
            Thread writer = Thread.ofPlatform().daemon().start(() -> {
                try (OutputStream out = new BufferedOutputStream(source, 1 << 16)) {
                    DemoData.write(out, SIZE, SEED);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            LineCounter counter = new LineCounter();
            CsvFilter.of(FilterRule.defaults()).filter(in, new DigestOutputStream(counter, sha));
            writer.join();
            return new Expected(counter.bytes, counter.lines, HexFormat.of().formatHex(sha.digest()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Expected digest(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        LineCounter counter = new LineCounter();
        try (OutputStream out = new DigestOutputStream(counter, sha)) {
            in.transferTo(out);
        }
        return new Expected(counter.bytes, counter.lines, HexFormat.of().formatHex(sha.digest()));
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Counts bytes and LF line ends (the generated CSV has no line break inside a quoted field). */
    private static final class LineCounter extends OutputStream {
        long bytes;
        long lines;

        @Override
        public void write(int b) {
            bytes++;
            if (b == '\n') {
                lines++;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    lines++;
                }
            }
        }
    }
}
