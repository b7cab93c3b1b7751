package dev.sluice.aws.s3;

import dev.sluice.aws.failure.ObjectSkipped;
import dev.sluice.aws.failure.PermanentFailure;
import dev.sluice.aws.failure.SkipReason;
import dev.sluice.aws.failure.TransientFailure;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Streams the exact object an event names: by version id when the bucket is versioned, otherwise guarded by the
 * event's ETag ({@code If-Match}), so a later overwrite is never processed under an older event's name.
 * Failures come out typed: 404/403 are permanent, 412 (the object changed) is a skip, everything else (5xx,
 * throttling, connection loss) transient.
 *
 * <p>An object larger than one range is read as {@value #RANGE_SIZE}-byte ranges, {@value #RANGES_IN_FLIGHT} of them
 * fetched ahead in parallel: one S3 connection delivers far less than the filter engine consumes, and a connection
 * lost in the middle of a 10 GB object costs one range ({@value #MAX_RANGE_ATTEMPTS} attempts), not the whole
 * object. Every range carries the same version id or ETag condition, so the ranges always come from one version.
 */
public final class S3ObjectSource {

    /** Bytes per ranged GET: S3's guidance for byte-range fetches is 8-16 MB. */
    public static final int RANGE_SIZE = 8 * 1024 * 1024;
    /** Ranges fetched ahead of the reader: bounds memory at (this + 1) x {@link #RANGE_SIZE}. */
    public static final int RANGES_IN_FLIGHT = 4;
    /** Attempts per range when its body is cut off mid-way (the SDK retries failures before the body itself). */
    static final int MAX_RANGE_ATTEMPTS = 3;

    private static final long FIRST_RETRY_DELAY_MS = 100;
    private static final Pattern CONTENT_RANGE_TOTAL = Pattern.compile("^bytes \\d+-\\d+/(\\d+)$");

    private final S3Client s3;
    private final int rangeSize;
    private final int rangesInFlight;

    public S3ObjectSource(S3Client s3) {
        this(s3, RANGE_SIZE, RANGES_IN_FLIGHT);
    }

    /** Smaller ranges let tests cross many range boundaries with small objects. */
    S3ObjectSource(S3Client s3, int rangeSize, int rangesInFlight) {
        this.s3 = s3;
        this.rangeSize = rangeSize;
        this.rangesInFlight = rangesInFlight;
    }

    /** An open stream over the object's bytes; the caller closes it. */
    public SourceObject open(S3ObjectRef ref) {
        boolean pinned = ref.versionId() != null || ref.eTag() != null;
        if (!pinned || ref.size() <= rangeSize) {
            return openWhole(ref); // one request; unpinned ranges could mix two versions
        }
        byte[] firstBuffer = new byte[rangeSize];
        Range first = fetch(ref, 0, firstBuffer, rangeSize);
        GetObjectResponse whole = first.response().toBuilder()
                .contentLength(first.objectSize())
                .contentRange(null)
                .build();
        return new SourceObject(
                whole,
                new RangedObjectStream(
                        (start, into, length) -> fetch(ref, start, into, length),
                        firstBuffer,
                        first.length(),
                        first.objectSize(),
                        rangeSize,
                        rangesInFlight));
    }

    private SourceObject openWhole(S3ObjectRef ref) {
        try {
            ResponseInputStream<GetObjectResponse> in = s3.getObject(pinned(ref).build());
            return new SourceObject(in.response(), new FailureTypedStream(in, ref));
        } catch (S3Exception e) {
            throw classify(ref, e);
        } catch (SdkException e) {
            throw new TransientFailure("SOURCE_READ_FAILED", "could not read " + ref.uri() + ": " + e.getMessage(), e);
        }
    }

    /**
     * One range, whole, into {@code into}; a body cut off mid-way is fetched again, up to {@link #MAX_RANGE_ATTEMPTS}
     * times. {@code length} may exceed what is left of the object (the first range, before the size is known).
     */
    private Range fetch(S3ObjectRef ref, long start, byte[] into, int length) {
        GetObjectRequest request =
                pinned(ref).range("bytes=" + start + "-" + (start + length - 1)).build();
        for (int attempt = 1; ; attempt++) {
            Exception lost;
            try (ResponseInputStream<GetObjectResponse> in = s3.getObject(request)) {
                long objectSize = objectSize(ref, in.response());
                int expected = (int) Math.min(length, objectSize - start);
                int read = in.readNBytes(into, 0, expected);
                if (read == expected) {
                    return new Range(in.response(), read, objectSize);
                }
                lost = new IOException("the body ended after " + read + " of " + expected + " bytes");
            } catch (S3Exception e) {
                throw classify(ref, e); // the SDK has already retried 5xx and throttling
            } catch (IOException | SdkException e) {
                lost = e;
            }
            if (attempt == MAX_RANGE_ATTEMPTS) {
                throw new TransientFailure(
                        "SOURCE_READ_FAILED",
                        "lost the stream of " + ref.uri() + " " + request.range() + " " + attempt + " times: "
                                + lost.getMessage(),
                        lost);
            }
            pause(FIRST_RETRY_DELAY_MS << (attempt - 1));
        }
    }

    private record Range(GetObjectResponse response, int length, long objectSize) {}

    private static GetObjectRequest.Builder pinned(S3ObjectRef ref) {
        GetObjectRequest.Builder request =
                GetObjectRequest.builder().bucket(ref.bucket()).key(ref.key());
        if (ref.versionId() != null) {
            request.versionId(ref.versionId());
        } else if (ref.eTag() != null) {
            request.ifMatch('"' + ref.eTag() + '"');
        }
        return request;
    }

    /** The whole object's size, from the {@code Content-Range} of a ranged response ({@code bytes 0-99/1234}). */
    private static long objectSize(S3ObjectRef ref, GetObjectResponse response) {
        Matcher m = CONTENT_RANGE_TOTAL.matcher(String.valueOf(response.contentRange()));
        if (!m.matches()) {
            // S3 always honours Range; an endpoint that does not would send the whole object into memory.
            throw new PermanentFailure(
                    "SOURCE_RANGE_UNSUPPORTED",
                    "the endpoint answered a ranged GET of " + ref.uri() + " without a byte range (Content-Range '"
                            + response.contentRange() + "')",
                    null);
        }
        return Long.parseLong(m.group(1));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailure("SOURCE_READ_FAILED", "interrupted between range attempts", e);
        }
    }

    private static RuntimeException classify(S3ObjectRef ref, S3Exception e) {
        return switch (e.statusCode()) {
            case 404 ->
                new PermanentFailure(
                        "OBJECT_GONE",
                        ref.uri() + " does not exist (deleted after the event, or" + " the bucket is gone): "
                                + errorCode(e),
                        e);
            case 403 ->
                new PermanentFailure(
                        "SOURCE_ACCESS_DENIED", "access denied reading " + ref.uri() + ": " + errorCode(e), e);
            case 412 ->
                new ObjectSkipped(
                        SkipReason.SUPERSEDED,
                        ref.uri() + " changed after the event (ETag " + ref.eTag()
                                + " no longer matches); its newer version has its own event");
            default ->
                new TransientFailure(
                        "SOURCE_READ_FAILED",
                        "could not read " + ref.uri() + ": HTTP " + e.statusCode() + " " + errorCode(e),
                        e);
        };
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null
                ? String.valueOf(e.getMessage())
                : e.awsErrorDetails().errorCode();
    }

    /** The object's response headers and body. */
    public record SourceObject(GetObjectResponse response, InputStream body) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /** A connection lost mid-object is a transient source failure, whoever is reading. */
    private static final class FailureTypedStream extends FilterInputStream {
        private final S3ObjectRef ref;

        FailureTypedStream(InputStream in, S3ObjectRef ref) {
            super(in);
            this.ref = ref;
        }

        @Override
        public int read() {
            try {
                return super.read();
            } catch (IOException | SdkException e) {
                throw failure(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) {
            try {
                return super.read(b, off, len);
            } catch (IOException | SdkException e) {
                throw failure(e);
            }
        }

        private TransientFailure failure(Exception e) {
            return new TransientFailure("SOURCE_READ_FAILED", "lost the stream of " + ref.uri() + ": " + e, e);
        }
    }
}
