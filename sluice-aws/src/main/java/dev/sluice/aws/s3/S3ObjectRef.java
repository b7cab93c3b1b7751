package dev.sluice.aws.s3;

import java.util.Objects;
import java.util.Optional;

/**
 * One object named by an S3 event notification, with the key already URL-decoded.
 *
 * @param bucket    bucket name
 * @param key       decoded object key ({@code a+b.csv} in the event is {@code a b.csv} here, {@code %2B} is {@code +})
 * @param versionId version id when the bucket is versioned, else null
 * @param eTag      entity tag from the event (no quotes), else null
 * @param size      object size in bytes from the event, or -1 when the event did not say
 * @param eventName e.g. {@code ObjectCreated:Put}; null when unknown
 */
public record S3ObjectRef(String bucket, String key, String versionId, String eTag, long size, String eventName) {

    public S3ObjectRef {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        eTag = eTag == null ? null : unquote(eTag);
        versionId = versionId == null || versionId.isEmpty() ? null : versionId;
    }

    public static S3ObjectRef of(String bucket, String key) {
        return new S3ObjectRef(bucket, key, null, null, -1, null);
    }

    public Optional<String> version() {
        return Optional.ofNullable(versionId);
    }

    public Optional<String> etag() {
        return Optional.ofNullable(eTag);
    }

    /** Zero-byte keys ending in "/" are the "folders" the console creates. */
    public boolean isFolder() {
        return key.endsWith("/") && size <= 0;
    }

    /** {@code s3://bucket/key}, for logs and messages. */
    public String uri() {
        return "s3://" + bucket + "/" + key;
    }

    private static String unquote(String tag) {
        return tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")
                ? tag.substring(1, tag.length() - 1)
                : tag;
    }
}
