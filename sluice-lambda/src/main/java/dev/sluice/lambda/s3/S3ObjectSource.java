package dev.sluice.lambda.s3;

import dev.sluice.lambda.runtime.ObjectSkipped;
import dev.sluice.lambda.runtime.PermanentFailure;
import dev.sluice.lambda.runtime.SkipReason;
import dev.sluice.lambda.runtime.TransientFailure;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Streams the exact object an event names: by version id when the bucket is versioned, otherwise guarded by the
 * event's ETag ({@code If-Match}), so a later overwrite is never processed under an older event's name.
 * Failures come out typed: 404/403 are permanent, everything else (5xx, throttling, connection loss) transient.
 */
public final class S3ObjectSource {

    private final S3Client s3;

    public S3ObjectSource(S3Client s3) {
        this.s3 = s3;
    }

    /** An open stream over the object's bytes; the caller closes it. */
    public SourceObject open(S3ObjectRef ref) {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(ref.bucket()).key(ref.key());
        if (ref.versionId() != null) {
            request.versionId(ref.versionId());
        } else if (ref.eTag() != null) {
            request.ifMatch('"' + ref.eTag() + '"');
        }
        try {
            ResponseInputStream<GetObjectResponse> in = s3.getObject(request.build());
            return new SourceObject(in.response(), new FailureTypedStream(in, ref));
        } catch (S3Exception e) {
            throw classify(ref, e);
        } catch (SdkException e) {
            throw new TransientFailure("SOURCE_READ_FAILED", "could not read " + ref.uri() + ": " + e.getMessage(), e);
        }
    }

    private static RuntimeException classify(S3ObjectRef ref, S3Exception e) {
        return switch (e.statusCode()) {
            case 404 -> new PermanentFailure("OBJECT_GONE", ref.uri() + " does not exist (deleted after the event, or"
                    + " the bucket is gone): " + errorCode(e), e);
            case 403 -> new PermanentFailure("SOURCE_ACCESS_DENIED", "access denied reading " + ref.uri() + ": "
                    + errorCode(e), e);
            case 412 -> new ObjectSkipped(SkipReason.SUPERSEDED, ref.uri() + " changed after the event (ETag "
                    + ref.eTag() + " no longer matches); its newer version has its own event");
            default -> new TransientFailure("SOURCE_READ_FAILED", "could not read " + ref.uri() + ": HTTP "
                    + e.statusCode() + " " + errorCode(e), e);
        };
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? String.valueOf(e.getMessage()) : e.awsErrorDetails().errorCode();
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
