package dev.sluice.etl.testing;

import java.util.function.Consumer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * A real S3 client with a hook before each PUT: a test can make the process "die" (throw) just before a given
 * object is written, or do something (stop the database) at that moment. No hook lives in production code.
 */
public final class FaultyS3 implements S3Client {

    /** Thrown by the hook to stand for the process dying. */
    public static final class Crash extends RuntimeException {
        public Crash(String key) {
            super("simulated crash before writing " + key);
        }
    }

    private final S3Client delegate;
    private volatile Consumer<String> beforePut = key -> {};
    private volatile String duplicate;
    private volatile String lastBucket;

    public FaultyS3(S3Client delegate) {
        this.delegate = delegate;
    }

    public void beforePut(Consumer<String> hook) {
        this.beforePut = hook;
    }

    /** Crash before writing any key that contains {@code fragment}. */
    public void crashBefore(String fragment) {
        beforePut(key -> {
            if (key.contains(fragment)) {
                throw new Crash(key);
            }
        });
    }

    /** Before writing a key containing {@code fragment}, store {@code content} there (someone else's object). */
    public void occupyBefore(String fragment, String content) {
        beforePut(key -> {
            if (key.contains(fragment)) {
                delegate.putObject(b -> b.bucket(lastBucket).key(key), RequestBody.fromString(content));
            }
        });
    }

    /**
     * Writes keys containing {@code fragment} twice, as an SDK retry does when the first response is lost: the
     * caller sees only the second attempt's answer.
     */
    public void duplicateWritesOf(String fragment) {
        duplicate = fragment;
    }

    public void heal() {
        beforePut(key -> {});
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        lastBucket = request.bucket();
        beforePut.accept(request.key());
        if (duplicate != null && request.key().contains(duplicate)) {
            delegate.putObject(request, body);
        }
        return delegate.putObject(request, body);
    }

    @Override
    public CreateMultipartUploadResponse createMultipartUpload(CreateMultipartUploadRequest request) {
        beforePut.accept(request.key());
        return delegate.createMultipartUpload(request);
    }

    @Override
    public UploadPartResponse uploadPart(UploadPartRequest request, RequestBody body) {
        return delegate.uploadPart(request, body);
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(CompleteMultipartUploadRequest request) {
        return delegate.completeMultipartUpload(request);
    }

    @Override
    public AbortMultipartUploadResponse abortMultipartUpload(AbortMultipartUploadRequest request) {
        return delegate.abortMultipartUpload(request);
    }

    @Override
    public CopyObjectResponse copyObject(CopyObjectRequest request) {
        return delegate.copyObject(request);
    }

    @Override
    public <T> T getObject(GetObjectRequest request, ResponseTransformer<GetObjectResponse, T> transformer) {
        return delegate.getObject(request, transformer);
    }

    @Override
    public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
        return delegate.listObjectsV2(request);
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
