package dev.sluice.local.stack;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * An S3 endpoint that misbehaves on a fixed schedule (counted per key): the first read of a source object answers 503,
 * the second loses the connection half-way through the body, later ones are slow; part uploads, completions and writes to the destination bucket fail with 5xx now and then; keys
 * under {@code doomed/} can never be written to the destination.
 */
final class FaultyBlobStore extends ForwardingBlobStore {

    static final int TRUNCATE_AFTER_BYTES = 64 * 1024;

    private final String destinationBucket;
    private final java.util.Map<String, AtomicInteger> gets = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger parts = new AtomicInteger();
    private final AtomicInteger completes = new AtomicInteger();
    private final java.util.Map<String, AtomicInteger> puts = new java.util.concurrent.ConcurrentHashMap<>();
    final AtomicInteger injected = new AtomicInteger();

    FaultyBlobStore(BlobStore delegate, String destinationBucket) {
        super(delegate);
        this.destinationBucket = destinationBucket;
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
        if (request.bucket().equals(destinationBucket)) {
            return super.getBlob(request);
        }
        switch (gets.computeIfAbsent(request.key(), k -> new AtomicInteger()).incrementAndGet()) {
            case 1 -> throw serverError(503, "SlowDown");
            case 2 -> {
                ResponseInputStream<GetObjectResponse> in = super.getBlob(request);
                injected.incrementAndGet();
                return new ResponseInputStream<>(in.response(), AbortableInputStream.create(new ResetAfter(in)));
            }
            default -> {
                sleep(100);
                return super.getBlob(request);
            }
        }
    }

    @Override
    public UploadPartResponse uploadMultipartPart(
            MultipartUpload upload, UploadPartRequest request, InputStream input) {
        if (parts.incrementAndGet() % 4 == 1 || upload.blobName().startsWith("doomed/")) {
            drain(input);
            throw serverError(500, "InternalError");
        }
        return super.uploadMultipartPart(upload, request, input);
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(
            MultipartUpload upload, CompleteMultipartUploadRequest request) {
        if (completes.incrementAndGet() == 1) {
            throw serverError(500, "InternalError");
        }
        return super.completeMultipartUpload(upload, request);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
        // S3Proxy writes a stub object through this store when a multipart upload is created; failing it would fail
        // CreateMultipartUpload after the upload was registered (see docs/decisions.md, orphaned uploads).
        boolean destination = request.bucket().equals(destinationBucket)
                && !request.key().startsWith(NotifyingBlobStore.MULTIPART_STUB_PREFIX);
        // Per key, so another key's traffic never changes the schedule: the first write to a key fails.
        if (destination
                && (puts.computeIfAbsent(request.key(), k -> new AtomicInteger())
                                        .incrementAndGet()
                                == 1
                        || request.key().startsWith("doomed/"))) {
            drain(input);
            throw serverError(503, "SlowDown");
        }
        return super.putBlob(request, input);
    }

    private S3Exception serverError(int status, String code) {
        injected.incrementAndGet();
        return (S3Exception) S3Exception.builder()
                .statusCode(status)
                .message("injected fault")
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage("injected fault")
                        .sdkHttpResponse(
                                SdkHttpResponse.builder().statusCode(status).build())
                        .build())
                .build();
    }

    private static void drain(InputStream input) {
        try {
            input.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The body stops with a connection reset after {@value #TRUNCATE_AFTER_BYTES} bytes. */
    private static final class ResetAfter extends FilterInputStream {
        private long served;

        ResetAfter(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            check(1);
            int b = super.read();
            served++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            check(len);
            int n = super.read(b, off, (int) Math.min(len, Math.max(1, TRUNCATE_AFTER_BYTES - served)));
            served += Math.max(n, 0);
            return n;
        }

        private void check(int wanted) throws IOException {
            if (served >= TRUNCATE_AFTER_BYTES) {
                throw new java.net.SocketException("Connection reset (injected)");
            }
        }
    }
}
