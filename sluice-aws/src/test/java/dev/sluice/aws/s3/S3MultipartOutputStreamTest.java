package dev.sluice.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testkit.s3.S3ProxyServer;
import java.io.IOException;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3MultipartOutputStreamTest {

    private static final int PART = S3MultipartOutputStream.MIN_PART_SIZE;
    private static S3ProxyServer server;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.start();
        s3 = server.client();
        server.createBucket("out");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static PutObjectRequest request(String key) {
        return PutObjectRequest.builder()
                .bucket("out")
                .key(key)
                .contentType("text/csv")
                .metadata(Map.of("source-bucket", "in"))
                .build();
    }

    @Test
    void smallOutputIsOneSinglePutWithLateMetadata() throws IOException {
        byte[] data = bytes(1000, 1);
        var out = new S3MultipartOutputStream(s3, request("small.csv"), PART);
        out.write(data);
        out.putMetadataOnClose("rows-kept", "7");
        out.close();

        assertThat(out.isMultipart()).isFalse();
        assertThat(out.lateMetadataApplied()).isTrue();
        var got = s3.getObjectAsBytes(b -> b.bucket("out").key("small.csv"));
        assertThat(got.asByteArray()).isEqualTo(data);
        assertThat(got.response().metadata())
                .containsEntry("source-bucket", "in")
                .containsEntry("rows-kept", "7");
        assertThat(got.response().contentType()).isEqualTo("text/csv");
    }

    @Test
    void emptyOutputIsAnEmptyObject() throws IOException {
        new S3MultipartOutputStream(s3, request("empty.csv"), PART).close();
        assertThat(s3.getObjectAsBytes(b -> b.bucket("out").key("empty.csv")).asByteArray())
                .isEmpty();
    }

    @Test
    void outputsOfExactlyOnePartAndOneByteMoreRoundTrip() throws IOException {
        for (int size : new int[] {PART - 1, PART, PART + 1}) {
            byte[] data = bytes(size, size);
            try (var out = new S3MultipartOutputStream(s3, request("edge-" + size), PART)) {
                out.write(data);
            }
            assertThat(s3.getObjectAsBytes(b -> b.bucket("out").key("edge-" + size))
                            .asByteArray())
                    .as("size %d", size)
                    .isEqualTo(data);
        }
    }

    @Test
    void largeOutputIsUploadedInPartsAndKeepsAllMetadata() throws IOException {
        byte[] data = bytes(2 * PART + 12345, 3);
        var out = new S3MultipartOutputStream(s3, request("big.csv"), PART);
        for (int off = 0; off < data.length; off += 1000) { // many small writes cross part boundaries
            out.write(data, off, Math.min(1000, data.length - off));
        }
        out.putMetadataOnClose("rows-in", "42");
        out.close();

        assertThat(out.isMultipart()).isTrue();
        assertThat(out.lateMetadataApplied()).isTrue();
        assertThat(out.size()).isEqualTo(data.length);
        var got = s3.getObjectAsBytes(b -> b.bucket("out").key("big.csv"));
        assertThat(got.asByteArray()).isEqualTo(data);
        assertThat(got.response().metadata())
                .containsEntry("source-bucket", "in")
                .containsEntry("rows-in", "42");
        assertThat(s3.listMultipartUploads(b -> b.bucket("out")).uploads()).isEmpty();
    }

    @Test
    void abortAfterSomePartsLeavesNoObjectAndNoUpload() throws IOException {
        var out = new S3MultipartOutputStream(s3, request("aborted.csv"), PART);
        out.write(bytes(PART + 10, 4));
        assertThat(out.isMultipart()).isTrue();
        out.abort();

        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("out").key("aborted.csv")))
                .isInstanceOf(S3Exception.class);
        assertThat(s3.listMultipartUploads(b -> b.bucket("out")).uploads()).isEmpty();
        assertThatThrownBy(out::close).isInstanceOf(IOException.class).hasMessageContaining("aborted");
        assertThatThrownBy(() -> out.write(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void failedCloseToAMissingBucketThrowsAndLeavesNothing() throws IOException {
        var out = new S3MultipartOutputStream(
                s3,
                PutObjectRequest.builder().bucket("no-such-bucket").key("x.csv").build(),
                PART);
        out.write(bytes(100, 5));
        assertThatThrownBy(out::close)
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(404));
    }

    @Test
    void failedPartUploadAbortsTheUpload() throws IOException {
        var out = new S3MultipartOutputStream(
                s3,
                PutObjectRequest.builder().bucket("no-such-bucket").key("x.csv").build(),
                PART);
        byte[] data = bytes(PART + 1, 6);
        assertThatThrownBy(() -> out.write(data)).isInstanceOf(S3Exception.class);
        assertThatThrownBy(() -> out.write(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ABORTED");
    }

    @Test
    void rejectsPartsBelowTheMinimum() {
        assertThatThrownBy(() -> new S3MultipartOutputStream(s3, request("x"), 5 * 1024 * 1024))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partSize must be at least 8388608 bytes, got 5242880");
    }
}
