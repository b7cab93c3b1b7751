package dev.sluice.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.aws.s3.S3MultipartOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A 1 GiB CSV loaded by the loader in a child JVM capped at {@code -Xmx256m}, through the real SDK client, into a
 * DynamoDB endpoint that accepts every BatchWriteItem and counts its PutRequests (DynamoDB Local would need hours for
 * a million items here). Proves the streaming bound on our side: every row arrives, the heap stays capped. Tagged
 * "large"; .ci/run runs it separately.
 */
@Tag("large")
class LargeLoadTest {

    static final long SIZE = 1024L * 1024 * 1024;
    static final String NOTE = "x".repeat(900);

    @TempDir
    Path dataDir;

    @Test
    void aOneGigabyteCsvLoadsEveryRowWithA256MbHeap() throws Exception {
        AtomicLong items = new AtomicLong();
        HttpServer dynamoDb = blackHole(items);
        try (LocalStack stack = LocalStack.builder()
                .port(0)
                .dataDir(dataDir)
                .bucket("sluice-dynamodb-source")
                .bucket("sluice-errors")
                .start()) {
            long rows = upload(stack);

            String result =
                    runChild(stack, "http://127.0.0.1:" + dynamoDb.getAddress().getPort());

            System.out.println("1 GiB load: " + rows + " rows; " + result);
            assertThat(result).contains("RowsIn=" + rows, "RowsLoaded=" + rows, "RowsRejected=0");
            assertThat(items.get()).isEqualTo(rows);
        } finally {
            dynamoDb.stop(0);
        }
    }

    private static long upload(LocalStack stack) throws IOException {
        long written = 0;
        long rows = 0;
        try (OutputStream out = new BufferedOutputStream(
                new S3MultipartOutputStream(
                        stack.s3(),
                        PutObjectRequest.builder()
                                .bucket("sluice-dynamodb-source")
                                .key("big/customers.csv")
                                .build()),
                1 << 16)) {
            byte[] header = "customer_id,name,age,balance,active,note\n".getBytes(StandardCharsets.US_ASCII);
            out.write(header);
            written += header.length;
            while (written < SIZE) {
                byte[] line = ("C" + rows + ",Customer " + rows + "," + (18 + rows % 70) + "," + (rows % 10_000) + ".5,"
                                + (rows % 2 == 0) + "," + NOTE + "\n")
                        .getBytes(StandardCharsets.US_ASCII);
                out.write(line);
                written += line.length;
                rows++;
            }
        }
        return rows;
    }

    /** Answers every request with "nothing unprocessed" and counts the items it was sent. */
    private static HttpServer blackHole(AtomicLong items) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] reply = "{\"UnprocessedItems\":{}}".getBytes(StandardCharsets.UTF_8);
        byte[] marker = "\"PutRequest\"".getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                items.addAndGet(count(in.readAllBytes(), marker));
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }

    private static long count(byte[] body, byte[] marker) {
        long n = 0;
        outer:
        for (int i = 0; i <= body.length - marker.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (body[i + j] != marker[j]) {
                    continue outer;
                }
            }
            n++;
        }
        return n;
    }

    private static String runChild(LocalStack stack, String dynamoDbEndpoint) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                LargeLoadChild.class.getName(),
                "sluice-dynamodb-source",
                "big/customers.csv"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        var env = pb.environment();
        env.put("TABLE_NAME", "sluice-customers");
        env.put("REJECTS_BUCKET", "sluice-errors");
        env.put("AWS_ENDPOINT_URL_S3", stack.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDbEndpoint);
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_REGION", "us-east-1");
        Process child = pb.start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(15, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as(out).isZero();
        return out.lines().filter(l -> l.startsWith("CHILD-RESULT")).findFirst().orElse(out);
    }
}
