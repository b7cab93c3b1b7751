package dev.sluice.aws.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Streams an S3 object of unknown length with bounded memory: bytes are buffered up to one part, then uploaded as a
 * multipart-upload part. {@link #close()} completes the upload, or sends a single PutObject when everything fit in one
 * part. Any failure while writing or closing aborts the multipart upload, and so does {@link #abort()}: a
 * half-written object never becomes visible under the key.
 *
 * <p>Memory: one buffer of {@code partSize} bytes. Parts are uploaded one at a time (the SDK retries each part).
 * Not thread-safe.
 */
public final class S3MultipartOutputStream extends OutputStream {

    /** S3's minimum part size is 5 MiB; 8 MiB parts keep a 10 GB object well under the 10,000-part limit (80 GB). */
    public static final int MIN_PART_SIZE = 8 * 1024 * 1024;
    /** S3's limit on the number of parts in one upload. */
    public static final int MAX_PARTS = 10_000;
    /** S3's CopyObject limit: larger objects cannot get late metadata through an in-place copy. */
    static final long MAX_COPY_OBJECT_SIZE = 5L * 1024 * 1024 * 1024;
    /** {@code If-None-Match: *}: commit only while the key has no object. */
    private static final String ABSENT = "*";

    private enum State {
        OPEN,
        CLOSED,
        ABORTED
    }

    private final S3Client s3;
    private final PutObjectRequest request;
    private final byte[] buffer;
    private final List<CompletedPart> parts = new ArrayList<>();
    private final Map<String, String> lateMetadata = new HashMap<>();
    private int buffered;
    private long total;
    private String uploadId;
    private State state = State.OPEN;
    /** Null: commit unconditionally; else the output's ETag at the check, or {@link #ABSENT}. */
    private String commitPrecondition;

    public S3MultipartOutputStream(S3Client s3, PutObjectRequest request, int partSize) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.request = Objects.requireNonNull(request, "request");
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException(
                    "partSize must be at least " + MIN_PART_SIZE + " bytes, got " + partSize);
        }
        this.buffer = new byte[partSize];
    }

    public S3MultipartOutputStream(S3Client s3, PutObjectRequest request) {
        this(s3, request, MIN_PART_SIZE);
    }

    /**
     * Metadata known only once the content is written (e.g. row counts). A single-PUT object carries it directly; a
     * multipart object gets it through an in-place CopyObject after completion (objects up to 5 GiB; S3's limit).
     */
    public void putMetadataOnClose(String name, String value) {
        ensureOpen();
        lateMetadata.put(name, value);
    }

    /**
     * Makes the commit a compare-and-swap: the PutObject or CompleteMultipartUpload carries {@code If-Match} with
     * {@code currentETag} ({@code If-None-Match: *} when empty, i.e. the key had no object), so S3 answers 412 instead
     * of replacing an object another writer committed after the caller looked. The in-place copy that applies late
     * metadata is guarded the same way ({@code x-amz-copy-source-if-match} with the ETag this stream committed).
     */
    public void commitOnlyIfCurrent(Optional<String> currentETag) {
        ensureOpen();
        commitPrecondition = currentETag.map(S3MultipartOutputStream::quoted).orElse(ABSENT);
    }

    private static String quoted(String eTag) {
        return eTag.startsWith("\"") ? eTag : '"' + eTag + '"';
    }

    /** Bytes written so far. */
    public long size() {
        return total;
    }

    /**
     * After {@link #close()}: false when metadata given to {@link #putMetadataOnClose} could not be applied because
     * the multipart object is larger than CopyObject's 5 GiB limit (the caller should say so).
     */
    public boolean lateMetadataApplied() {
        return lateMetadata.isEmpty() || uploadId == null || total <= MAX_COPY_OBJECT_SIZE;
    }

    /** True once the content needed more than one part (a multipart upload was started). */
    public boolean isMultipart() {
        return uploadId != null;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        try {
            while (len > 0) {
                int n = Math.min(len, buffer.length - buffered);
                System.arraycopy(b, off, buffer, buffered, n);
                buffered += n;
                total += n;
                off += n;
                len -= n;
                if (buffered == buffer.length) {
                    uploadBufferedPart();
                }
            }
        } catch (RuntimeException e) {
            abortAfter(e);
            throw e;
        }
    }

    /** Completes the object: a single PutObject when it fit in one part, else the final part and CompleteMultipartUpload. */
    @Override
    public void close() throws IOException {
        if (state != State.OPEN) {
            if (state == State.ABORTED) {
                throw new IOException("upload of s3://" + request.bucket() + "/" + request.key() + " was aborted");
            }
            return;
        }
        try {
            if (uploadId == null) {
                putSingleObject();
            } else {
                if (buffered > 0) {
                    uploadBufferedPart();
                }
                applyLateMetadataByCopy(completeMultipart());
            }
            state = State.CLOSED;
        } catch (RuntimeException e) {
            abortAfter(e);
            throw e;
        }
    }

    /** Discards everything written: aborts the multipart upload, if one was started. Idempotent. */
    public void abort() {
        if (state != State.OPEN) {
            return;
        }
        state = State.ABORTED;
        if (uploadId != null) {
            s3.abortMultipartUpload(AbortMultipartUploadRequest.builder()
                    .bucket(request.bucket())
                    .key(request.key())
                    .uploadId(uploadId)
                    .build());
        }
    }

    private void abortAfter(RuntimeException failure) {
        try {
            abort();
        } catch (RuntimeException abortFailure) {
            failure.addSuppressed(abortFailure);
        }
    }

    private void ensureOpen() throws IllegalStateException {
        if (state != State.OPEN) {
            throw new IllegalStateException(
                    "stream for s3://" + request.bucket() + "/" + request.key() + " is " + state);
        }
    }

    private void putSingleObject() {
        PutObjectRequest.Builder put = request.toBuilder().metadata(allMetadata());
        if (ABSENT.equals(commitPrecondition)) {
            put.ifNoneMatch(ABSENT);
        } else if (commitPrecondition != null) {
            put.ifMatch(commitPrecondition);
        }
        s3.putObject(put.build(), bufferedBody());
        buffered = 0;
    }

    private void uploadBufferedPart() {
        if (uploadId == null) {
            uploadId = s3.createMultipartUpload(createRequest()).uploadId();
        }
        int partNumber = parts.size() + 1;
        if (partNumber > MAX_PARTS) {
            throw new IllegalStateException(
                    "object exceeds " + MAX_PARTS + " parts of " + buffer.length + " bytes; use a larger partSize");
        }
        UploadPartResponse response = s3.uploadPart(
                UploadPartRequest.builder()
                        .bucket(request.bucket())
                        .key(request.key())
                        .uploadId(uploadId)
                        .partNumber(partNumber)
                        .contentLength((long) buffered)
                        .checksumAlgorithm(ChecksumAlgorithm.CRC32)
                        .build(),
                bufferedBody());
        parts.add(CompletedPart.builder()
                .partNumber(partNumber)
                .eTag(response.eTag())
                .checksumCRC32(response.checksumCRC32())
                .build());
        buffered = 0;
    }

    /** The body reads the buffer in place (no copy); each SDK retry gets a fresh stream over the same bytes. */
    private RequestBody bufferedBody() {
        int length = buffered;
        return RequestBody.fromContentProvider(
                () -> new ByteArrayInputStream(buffer, 0, length),
                length,
                request.contentType() == null ? "application/octet-stream" : request.contentType());
    }

    private CreateMultipartUploadRequest createRequest() {
        return CreateMultipartUploadRequest.builder()
                .bucket(request.bucket())
                .key(request.key())
                .metadata(request.metadata())
                .contentType(request.contentType())
                .contentEncoding(request.contentEncoding())
                .contentDisposition(request.contentDisposition())
                .cacheControl(request.cacheControl())
                .serverSideEncryption(request.serverSideEncryption())
                .ssekmsKeyId(request.ssekmsKeyId())
                .bucketKeyEnabled(request.bucketKeyEnabled())
                .storageClass(request.storageClass())
                .checksumAlgorithm(ChecksumAlgorithm.CRC32)
                .build();
    }

    private String completeMultipart() {
        CompleteMultipartUploadRequest.Builder complete = CompleteMultipartUploadRequest.builder()
                .bucket(request.bucket())
                .key(request.key())
                .uploadId(uploadId)
                .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build());
        if (ABSENT.equals(commitPrecondition)) {
            complete.ifNoneMatch(ABSENT);
        } else if (commitPrecondition != null) {
            complete.ifMatch(commitPrecondition);
        }
        return s3.completeMultipartUpload(complete.build()).eTag();
    }

    private void applyLateMetadataByCopy(String committedETag) {
        if (lateMetadata.isEmpty() || total > MAX_COPY_OBJECT_SIZE) {
            return;
        }
        s3.copyObject(CopyObjectRequest.builder()
                // Only our own object: a newer one committed since keeps its content and metadata (412 here).
                .copySourceIfMatch(commitPrecondition == null || committedETag == null ? null : quoted(committedETag))
                .sourceBucket(request.bucket())
                .sourceKey(request.key())
                .destinationBucket(request.bucket())
                .destinationKey(request.key())
                .metadataDirective(MetadataDirective.REPLACE)
                .metadata(allMetadata())
                .contentType(request.contentType())
                .serverSideEncryption(request.serverSideEncryption())
                .ssekmsKeyId(request.ssekmsKeyId())
                .bucketKeyEnabled(request.bucketKeyEnabled())
                .build());
    }

    private Map<String, String> allMetadata() {
        Map<String, String> metadata = new HashMap<>(request.metadata());
        metadata.putAll(lateMetadata);
        return metadata;
    }
}
