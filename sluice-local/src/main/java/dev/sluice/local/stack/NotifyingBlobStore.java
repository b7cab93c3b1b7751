package dev.sluice.local.stack;

import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
    private final WriteIntents intents;
    /** Sequencers increase across restarts too: they start from the clock. */
    private final AtomicLong sequencer = new AtomicLong(System.currentTimeMillis() * 1000);

    public NotifyingBlobStore(BlobStore delegate, Consumer<ObjectCreated> listener) {
        this(delegate, listener, null);
    }

    /**
     * With {@code intents}, each write is recorded before it starts and forgotten only once its event has been
     * delivered to the listener, so a crash in between leaves a trace for the next start to reconcile.
     */
    NotifyingBlobStore(BlobStore delegate, Consumer<ObjectCreated> listener, WriteIntents intents) {
        super(delegate);
        this.listener = listener;
        this.intents = intents;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
        return recorded(request.bucket(), request.key(), "ObjectCreated:Put", () -> super.putBlob(request, input));
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(
            MultipartUpload upload, CompleteMultipartUploadRequest request) {
        return recorded(
                upload.containerName(),
                upload.blobName(),
                "ObjectCreated:CompleteMultipartUpload",
                () -> super.completeMultipartUpload(upload, request));
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        return recorded(
                request.destinationBucket(),
                request.destinationKey(),
                "ObjectCreated:Copy",
                () -> super.copyBlob(request));
    }

    private <T> T recorded(String bucket, String key, String eventName, Supplier<T> write) {
        WriteIntents.Intent intent =
                intents == null || key.startsWith(MULTIPART_STUB_PREFIX) ? null : intents.begin(bucket, key);
        T response;
        try {
            response = write.get();
        } catch (RuntimeException e) { // refused or failed (S3Proxy removes its temporary file): nothing to recover
            if (intent != null) {
                intents.end(intent);
            }
            throw e;
        }
        notify(bucket, key, eventName);
        if (intent != null) {
            // Only once the event is persisted; if persisting it failed, the next start re-emits it.
            intents.end(intent);
        }
        return response;
    }

    /** Emits the event of an object found complete at start-up whose write was interrupted (see WriteIntents). */
    void notifyRecovered(String bucket, String key) {
        notify(bucket, key, "ObjectCreated:Put");
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
