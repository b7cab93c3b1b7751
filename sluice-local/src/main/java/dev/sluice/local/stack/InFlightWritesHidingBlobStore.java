package dev.sluice.local.stack;

import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Makes listings as atomic as S3's: an object appears in a listing only once its write has completed.
 *
 * <p>S3Proxy's filesystem backend writes an object to a sibling temporary file named {@code <key>-<random UUID>} and
 * renames it when the upload completes, and its listing reads the directory as it is. So a listing taken during a
 * PUT, a copy or a multipart completion returns that temporary name as if it were an object (we saw
 * {@code ingestion/_batches/<id>.json-<uuid>} this way), and a consumer that reads it gets NoSuchKey moments later.
 * This decorator tracks the writes in flight and removes their temporary names from listings. It never hides a key
 * that merely ends in a UUID: only {@code <key>-<uuid>} where a write of {@code <key>} ran during the listing.
 */
public final class InFlightWritesHidingBlobStore extends ForwardingBlobStore {

    /** The suffix S3Proxy appends: "-" and {@code UUID.randomUUID().toString()} (36 characters). */
    private static final Pattern TEMP_SUFFIX =
            Pattern.compile("-\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}$");

    private static final int TEMP_SUFFIX_LENGTH = 37;

    /** "bucket/key" of each write in progress, with the number of concurrent writes of that key. */
    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();
    /** Listings in progress; each collects the writes that were in flight at any moment while it ran. */
    private final Set<Listing> listings = ConcurrentHashMap.newKeySet();

    public InFlightWritesHidingBlobStore(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
        return tracked(request.bucket(), request.key(), () -> super.putBlob(request, input));
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        return tracked(request.destinationBucket(), request.destinationKey(), () -> super.copyBlob(request));
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(
            MultipartUpload upload, CompleteMultipartUploadRequest request) {
        return tracked(upload.containerName(), upload.blobName(), () -> super.completeMultipartUpload(upload, request));
    }

    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        Listing listing = new Listing();
        listings.add(listing);
        try {
            // Registered first, then the snapshot: a write that starts after the snapshot finds this listing.
            listing.writes.addAll(inFlight.keySet());
            return withoutTemporaryNames(request.bucket(), super.list(request), listing.writes);
        } finally {
            listings.remove(listing);
        }
    }

    private <T> T tracked(String bucket, String key, Supplier<T> write) {
        String id = bucket + '/' + key;
        inFlight.merge(id, 1, Integer::sum);
        listings.forEach(listing -> listing.writes.add(id));
        try {
            return write.get();
        } finally {
            inFlight.computeIfPresent(id, (k, count) -> count == 1 ? null : count - 1);
        }
    }

    private static ListObjectsV2Response withoutTemporaryNames(
            String bucket, ListObjectsV2Response response, Set<String> writes) {
        if (writes.isEmpty() || !response.hasContents()) {
            return response;
        }
        List<S3Object> visible = response.contents().stream()
                .filter(object -> !isTemporaryNameOf(bucket, object.key(), writes))
                .toList();
        if (visible.size() == response.contents().size()) {
            return response;
        }
        int hidden = response.contents().size() - visible.size();
        return response.toBuilder()
                .contents(visible)
                .keyCount(response.keyCount() == null ? null : response.keyCount() - hidden)
                .build();
    }

    private static boolean isTemporaryNameOf(String bucket, String key, Set<String> writes) {
        return key.length() > TEMP_SUFFIX_LENGTH
                && TEMP_SUFFIX.matcher(key).find()
                && writes.contains(bucket + '/' + key.substring(0, key.length() - TEMP_SUFFIX_LENGTH));
    }

    /** Identity-compared holder: two listings with the same writes are still two listings. */
    private static final class Listing {
        final Set<String> writes = ConcurrentHashMap.newKeySet();
    }
}
