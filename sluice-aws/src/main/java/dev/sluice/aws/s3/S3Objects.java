package dev.sluice.aws.s3;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/** Small S3 operations the functions share. */
public final class S3Objects {

    private S3Objects() {}

    /**
     * Deletes {@code bucket/key} if it exists; true when it did. It asks first (one LIST, prefix = the key: the key
     * itself sorts before anything longer) because in a versioned bucket a DELETE of a missing key still writes a
     * delete marker, which would leave one marker per clean run. Needs {@code s3:ListBucket} on that prefix and
     * {@code s3:DeleteObject}.
     */
    public static boolean deleteIfPresent(S3Client s3, String bucket, String key) {
        ListObjectsV2Response listed =
                s3.listObjectsV2(b -> b.bucket(bucket).prefix(key).maxKeys(1));
        if (listed.contents().isEmpty() || !listed.contents().getFirst().key().equals(key)) {
            return false;
        }
        s3.deleteObject(b -> b.bucket(bucket).key(key));
        return true;
    }
}
