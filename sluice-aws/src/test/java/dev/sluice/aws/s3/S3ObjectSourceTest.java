package dev.sluice.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.aws.failure.ObjectSkipped;
import dev.sluice.aws.failure.PermanentFailure;
import dev.sluice.aws.failure.SkipReason;
import dev.sluice.aws.failure.TransientFailure;
import dev.sluice.testkit.s3.S3ProxyServer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** Reading objects whole or as parallel ranges, against S3Proxy over HTTP, with faults injected in the server. */
class S3ObjectSourceTest {

    private static final String BUCKET = "source";
    private static final int RANGE = 1024;
    private static final int IN_FLIGHT = 3;
    /** Ranges for the cut-off tests: large enough that the server has sent headers and bytes before the cut. */
    private static final int CUT_RANGE = 256 * 1024;

    /** Ranges ("bytes=a-b", or "whole") of every GET the server saw. */
    private static final List<String> gets = new CopyOnWriteArrayList<>();
    /** GETs matching this lose their connection half-way through the body. */
    private static volatile Predicate<GetObjectRequest> cutOff;

    private static S3ProxyServer server;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.start(Recording::new);
        s3 = server.client();
        server.createBucket(BUCKET);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void noFaults() {
        cutOff = request -> false;
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {RANGE + 1, 4 * RANGE, 4 * RANGE + 1, 10 * RANGE + 17})
    void anObjectLargerThanOneRangeIsReadExactlyAsParallelRanges(int size) throws IOException {
        byte[] data = put("big.csv", size, 1);
        try (var in = source().open(ref("big.csv", data.length))) {
            assertThat(in.body().readAllBytes()).isEqualTo(data);
            assertThat(in.response().contentLength()).isEqualTo(size);
        }
        int ranges = (size + RANGE - 1) / RANGE;
        assertThat(gets)
                .hasSize(ranges)
                .allMatch(range -> range.startsWith("bytes="))
                .contains("bytes=0-1023", "bytes=" + (ranges - 1) * RANGE + "-" + (size - 1));
    }

    @Test
    void singleByteReadsCrossRangeBoundaries() throws IOException {
        byte[] data = put("bytes.csv", 3 * RANGE + 5, 2);
        try (var in = source().open(ref("bytes.csv", data.length))) {
            for (byte expected : data) {
                assertThat(in.body().read()).isEqualTo(expected & 0xFF);
            }
            assertThat(in.body().read()).isEqualTo(-1);
        }
    }

    @Test
    void anObjectOfOneRangeOrLessIsOneWholeGet() throws IOException {
        byte[] data = put("small.csv", RANGE, 3);
        try (var in = source().open(ref("small.csv", data.length))) {
            assertThat(in.body().readAllBytes()).isEqualTo(data);
        }
        assertThat(gets).containsExactly("whole");
    }

    @Test
    void anObjectWithNeitherVersionNorEtagIsOneWholeGetSoItsRangesCannotMixTwoVersions() throws IOException {
        byte[] data = put("unpinned.csv", 5 * RANGE, 4);
        var unpinned = new S3ObjectRef(BUCKET, "unpinned.csv", null, null, data.length, "ObjectCreated:Put");
        try (var in = source().open(unpinned)) {
            assertThat(in.body().readAllBytes()).isEqualTo(data);
        }
        assertThat(gets).containsExactly("whole");
    }

    @Test
    void aRangeCutOffMidBodyIsFetchedAgainAndTheBytesAreStillExact() throws IOException {
        byte[] data = put("reset.csv", 6 * CUT_RANGE, 5);
        String third = "bytes=" + 2 * CUT_RANGE + "-" + (3 * CUT_RANGE - 1);
        int[] cuts = {0};
        cutOff = request -> third.equals(request.range()) && cuts[0]++ < 2;
        try (var in = new S3ObjectSource(s3, CUT_RANGE, IN_FLIGHT).open(ref("reset.csv", data.length))) {
            assertThat(in.body().readAllBytes()).isEqualTo(data);
        }
        assertThat(gets).filteredOn(third::equals).hasSize(3);
    }

    @Test
    void aRangeCutOffOnEveryAttemptIsATransientFailureNamingTheRange() {
        byte[] data = put("doomed.csv", 6 * CUT_RANGE, 6);
        String fourth = "bytes=" + 3 * CUT_RANGE + "-" + (4 * CUT_RANGE - 1);
        cutOff = request -> fourth.equals(request.range());
        assertThatThrownBy(() -> {
                    try (var in = new S3ObjectSource(s3, CUT_RANGE, IN_FLIGHT).open(ref("doomed.csv", data.length))) {
                        in.body().readAllBytes();
                    }
                })
                .isInstanceOf(TransientFailure.class)
                .hasMessageStartingWith("lost the stream of s3://source/doomed.csv " + fourth + " 3 times: ");
        assertThat(gets).filteredOn(fourth::equals).hasSize(3);
    }

    @Test
    void anOverwriteWhileRangesAreReadIsASupersededSkipNotAMixOfTwoVersions() throws IOException {
        byte[] data = put("changing.csv", 10 * RANGE, 7);
        var source = new S3ObjectSource(s3, RANGE, 1);
        try (var in = source.open(ref("changing.csv", data.length))) {
            in.body().readNBytes(RANGE);
            put("changing.csv", 10 * RANGE, 8);
            assertThatThrownBy(() -> in.body().readAllBytes())
                    .isInstanceOf(ObjectSkipped.class)
                    .satisfies(e -> assertThat(((ObjectSkipped) e).reason()).isEqualTo(SkipReason.SUPERSEDED));
        }
    }

    @Test
    void aMissingObjectIsAPermanentFailureAtOpen() {
        var gone = new S3ObjectRef(BUCKET, "gone.csv", null, "0123456789abcdef0123456789abcdef", 5 * RANGE, null);
        assertThatThrownBy(() -> source().open(gone))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageStartingWith("s3://source/gone.csv does not exist");
    }

    @Test
    void closingEarlyStopsTheRangeThreads() throws Exception {
        byte[] data = put("early.csv", 20 * RANGE, 9);
        try (var in = source().open(ref("early.csv", data.length))) {
            assertThat(in.body().readNBytes(10)).isEqualTo(java.util.Arrays.copyOf(data, 10));
        }
        for (int i = 0; i < 100 && rangeThreads() > 0; i++) {
            Thread.sleep(50);
        }
        assertThat(rangeThreads()).isZero();
    }

    private static long rangeThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("s3-range-") && t.isAlive())
                .count();
    }

    private S3ObjectSource source() {
        return new S3ObjectSource(s3, RANGE, IN_FLIGHT);
    }

    private byte[] put(String key, int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(data));
        gets.clear();
        return data;
    }

    private S3ObjectRef ref(String key, long size) {
        String eTag = s3.headObject(b -> b.bucket(BUCKET).key(key)).eTag();
        gets.clear();
        return new S3ObjectRef(BUCKET, key, null, eTag, size, "ObjectCreated:Put");
    }

    /** Records each GET's range and cuts off the bodies {@link #cutOff} selects. */
    private static final class Recording extends ForwardingBlobStore {
        Recording(BlobStore delegate) {
            super(delegate);
        }

        @Override
        public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
            gets.add(request.range() == null ? "whole" : request.range());
            ResponseInputStream<GetObjectResponse> in = super.getBlob(request);
            if (!cutOff.test(request)) {
                return in;
            }
            return new ResponseInputStream<>(in.response(), AbortableInputStream.create(new HalfThenReset(in)));
        }
    }

    /** Serves half of a range, then fails like a reset connection. */
    private static final class HalfThenReset extends FilterInputStream {
        private int served;

        HalfThenReset(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (served >= CUT_RANGE / 2) {
                throw new IOException("connection reset (injected)");
            }
            int n = super.read(b, off, Math.min(len, CUT_RANGE / 2 - served));
            served += Math.max(n, 0);
            return n;
        }
    }
}
