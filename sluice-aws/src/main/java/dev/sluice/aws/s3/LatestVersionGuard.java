package dev.sluice.aws.s3;

import dev.sluice.aws.failure.ObjectSkipped;
import dev.sluice.aws.failure.PermanentFailure;
import dev.sluice.aws.failure.SkipReason;
import dev.sluice.aws.failure.TransientFailure;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Keeps a slow run of an older source version from replacing the output of a newer one. Two runs of one key (v1 is
 * large, v2 overwrites it moments later) run concurrently; without this, whichever commits last wins, and that can be
 * v1.
 *
 * <p>Protocol, right before the output is committed: (1) read the output's current ETag; (2) check that the source
 * is still the version the event named, else skip as {@link SkipReason#SUPERSEDED}; (3) commit with
 * {@code If-Match}/{@code If-None-Match} on the ETag from (1) ({@link S3MultipartOutputStream#commitOnlyIfCurrent}).
 * A newer run can only have committed before (1), and then (2) sees the newer source, or after (1), and then the
 * commit fails with 412 ({@link #onCommitConflict}). So an older version's output never lands after a newer one's.
 */
public final class LatestVersionGuard {

    private static final int NOT_FOUND = 404;

    private final S3Client s3;

    public LatestVersionGuard(S3Client s3) {
        this.s3 = s3;
    }

    /**
     * Steps (1) and (2): returns the output's current ETag (empty when there is no output yet) for the conditional
     * commit; throws {@link ObjectSkipped} when the source has changed since the event.
     */
    public Optional<String> beforeCommit(S3ObjectRef source, String outputBucket, String outputKey) {
        Optional<String> output = currentETag(outputBucket, outputKey);
        requireLatest(source);
        return output;
    }

    /**
     * The conditional commit failed (412) although the source is still the latest: an older run committed after our
     * check (it passed its own check just before the overwrite). Retrying replaces its output with ours.
     */
    public TransientFailure onCommitConflict(S3ObjectRef source, String outputUri, Exception conflict) {
        return new TransientFailure(
                "OUTPUT_COMMIT_CONFLICT",
                outputUri + " was written by another run while " + source.uri()
                        + " was processed, and the source has not changed; retrying (" + conflict.getMessage() + ")",
                conflict);
    }

    /** Throws {@link ObjectSkipped} (SUPERSEDED) when the source is no longer the version the event named. */
    public void requireLatest(S3ObjectRef source) {
        if (source.versionId() == null && source.eTag() == null) {
            return; // nothing to compare with (events always carry an ETag; a hand-made reference may not)
        }
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(source.bucket()).key(source.key()));
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                throw new PermanentFailure(
                        "OBJECT_GONE", source.uri() + " was deleted while it was being processed", e);
            }
            throw checkFailed(source.uri(), e);
        } catch (SdkException e) {
            throw checkFailed(source.uri(), e);
        }
        boolean same = source.versionId() != null
                ? source.versionId().equals(head.versionId())
                : source.eTag().equals(unquote(head.eTag()));
        if (!same) {
            throw new ObjectSkipped(
                    SkipReason.SUPERSEDED,
                    source.uri() + " was overwritten while it was being processed (event "
                            + (source.versionId() != null
                                    ? "version " + source.versionId() + ", now " + head.versionId()
                                    : "ETag " + source.eTag() + ", now " + unquote(head.eTag()))
                            + "); its output is not written, the newer version's own event writes it");
        }
    }

    private Optional<String> currentETag(String bucket, String key) {
        try {
            return Optional.ofNullable(
                    unquote(s3.headObject(b -> b.bucket(bucket).key(key)).eTag()));
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw checkFailed("s3://" + bucket + "/" + key, e);
        } catch (SdkException e) {
            throw checkFailed("s3://" + bucket + "/" + key, e);
        }
    }

    private static TransientFailure checkFailed(String uri, Exception e) {
        return new TransientFailure(
                "VERSION_CHECK_FAILED", "could not read the current version of " + uri + ": " + e.getMessage(), e);
    }

    private static String unquote(String tag) {
        return tag != null && tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")
                ? tag.substring(1, tag.length() - 1)
                : tag;
    }
}
