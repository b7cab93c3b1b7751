package dev.sluice.local.stack;

import java.io.InputStream;
import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Answers 400 for keys with a {@code .} or {@code ..} segment ({@code ./x/./y.csv}, {@code a/../b.csv}). S3 keeps
 * such keys as they are, but the filesystem backend maps a key to a path, which normalises them: {@code ./x/./y.csv}
 * and {@code x/y.csv} became one object, and {@code a/../b.csv} failed with a 500. Refusing them, with a message, is
 * what a client can act on; silently merging two keys is not.
 */
public final class DotSegmentKeysRejectingBlobStore extends ForwardingBlobStore {

    public DotSegmentKeysRejectingBlobStore(BlobStore delegate) {
        super(delegate);
    }

    /** True for a key with a {@code .} or {@code ..} segment between slashes (or at either end). */
    static boolean hasDotSegment(String key) {
        for (String segment : key.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static String checked(String key) {
        if (key != null && hasDotSegment(key)) {
            throw new S3ProxyException(
                    S3ErrorCode.INVALID_ARGUMENT,
                    "the local S3 does not support keys with '.' or '..' segments (its filesystem store would merge"
                            + " them with another key): " + key);
        }
        return key;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
        checked(request.key());
        return super.putBlob(request, input);
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        checked(request.sourceKey());
        checked(request.destinationKey());
        return super.copyBlob(request);
    }

    @Override
    public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
        checked(request.key());
        return super.blobMetadata(request);
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
        checked(request.key());
        return super.getBlob(request);
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        checked(request.key());
        return super.removeBlob(request);
    }

    @Override
    public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
        checked(request.key());
        return super.initiateMultipartUpload(request);
    }
}
