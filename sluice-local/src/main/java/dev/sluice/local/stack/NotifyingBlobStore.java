package dev.sluice.local.stack;

import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * S3Proxy has no event notifications, so this decorator emits one {@link ObjectCreated} after each successful
 * PutObject, CompleteMultipartUpload and CopyObject, the three "ObjectCreated" events S3 sends. The listener runs on
 * the request thread before the response is returned, so an event is persisted before the client sees success.
 * A multipart upload notifies once, on completion; S3Proxy's internal {@code .s3proxy-mpu-stub-} objects never do.
 */
public final class NotifyingBlobStore extends ForwardingBlobStore {

    /** S3Proxy's marker objects for multipart uploads in progress; not user data. */
    static final String MULTIPART_STUB_PREFIX = ".s3proxy-mpu-stub-";

    private final Consumer<ObjectCreated> listener;
    /** Sequencers increase across restarts too: they start from the clock. */
    private final AtomicLong sequencer = new AtomicLong(System.currentTimeMillis() * 1000);

    public NotifyingBlobStore(BlobStore delegate, Consumer<ObjectCreated> listener) {
        super(delegate);
        this.listener = listener;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
        PutObjectResponse response = super.putBlob(request, input);
        notify(request.bucket(), request.key(), "ObjectCreated:Put");
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(
            MultipartUpload upload, CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
        notify(upload.containerName(), upload.blobName(), "ObjectCreated:CompleteMultipartUpload");
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = super.copyBlob(request);
        notify(request.destinationBucket(), request.destinationKey(), "ObjectCreated:Copy");
        return response;
    }

    private void notify(String bucket, String key, String eventName) {
        if (key.startsWith(MULTIPART_STUB_PREFIX)) {
            return;
        }
        HeadObjectResponse head = delegate().blobMetadata(bucket, key);
        String eTag = head.eTag() == null ? null : head.eTag().replace("\"", "");
        long size = head.contentLength() == null ? -1 : head.contentLength();
        listener.accept(new ObjectCreated(
                bucket, key, eventName, eTag, size, String.format("%016X", sequencer.incrementAndGet())));
    }
}
