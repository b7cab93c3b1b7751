package dev.sluice.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.aws.failure.ObjectSkipped;
import dev.sluice.aws.failure.PermanentFailure;
import dev.sluice.aws.failure.SkipReason;
import dev.sluice.aws.failure.TransientFailure;
import dev.sluice.testkit.LocalClients;
import dev.sluice.testkit.s3.S3ProxyServer;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class LatestVersionGuardTest {

    static S3ProxyServer s3;
    static LatestVersionGuard guard;

    @BeforeAll
    static void start() {
        s3 = S3ProxyServer.withBuckets("source", "output");
        guard = new LatestVersionGuard(s3.client());
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    private static S3ObjectRef put(String bucket, String key, String content) {
        String eTag = s3.client()
                .putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content))
                .eTag();
        return new S3ObjectRef(bucket, key, null, eTag, content.length(), "ObjectCreated:Put");
    }

    @Test
    void theSourceStillAtTheEventsVersionPassesAndAMissingOutputHasNoETag() {
        S3ObjectRef source = put("source", "same.csv", "a\n5\n");

        assertThat(guard.beforeCommit(source, "output", "same.csv")).isEmpty();
    }

    @Test
    void theOutputsCurrentETagIsReturnedForTheConditionalCommit() {
        S3ObjectRef source = put("source", "with-output.csv", "a\n5\n");
        S3ObjectRef output = put("output", "with-output.csv", "a\n5\n");

        assertThat(guard.beforeCommit(source, "output", "with-output.csv")).contains(output.eTag());
    }

    @Test
    void anOverwrittenSourceIsSkippedAsSuperseded() {
        S3ObjectRef old = put("source", "overwritten.csv", "a\n5\n");
        S3ObjectRef newer = put("source", "overwritten.csv", "a\n6\n7\n");

        assertThatThrownBy(() -> guard.beforeCommit(old, "output", "overwritten.csv"))
                .isInstanceOfSatisfying(
                        ObjectSkipped.class, e -> assertThat(e.reason()).isEqualTo(SkipReason.SUPERSEDED))
                .hasMessage("s3://source/overwritten.csv was overwritten while it was being processed (event ETag "
                        + old.eTag() + ", now " + newer.eTag()
                        + "); its output is not written, the newer version's own event writes it");
    }

    @Test
    void aDeletedSourceIsAPermanentFailure() {
        S3ObjectRef gone = put("source", "gone.csv", "a\n5\n");
        s3.client().deleteObject(b -> b.bucket("source").key("gone.csv"));

        assertThatThrownBy(() -> guard.requireLatest(gone))
                .isInstanceOf(PermanentFailure.class)
                .hasMessage("s3://source/gone.csv was deleted while it was being processed");
    }

    @Test
    void aReferenceWithoutVersionOrETagIsNotChecked() {
        guard.requireLatest(S3ObjectRef.of("source", "never-written.csv"));
    }

    @Test
    void anUnreachableS3IsATransientVersionCheckFailure() {
        S3ObjectRef source = put("source", "fine.csv", "a\n5\n");
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        try (S3Client unreachable = LocalClients.s3(URI.create("http://127.0.0.1:1"))) {
            LatestVersionGuard offline = new LatestVersionGuard(unreachable);

            assertThatThrownBy(() -> offline.beforeCommit(source, "output", "fine.csv"))
                    .isInstanceOfSatisfying(
                            TransientFailure.class, e -> assertThat(e.reason()).isEqualTo("VERSION_CHECK_FAILED"))
                    .hasMessageStartingWith("could not read the current version of s3://output/fine.csv: ");
        }
    }

    @Test
    void aCommitConflictWithAnUnchangedSourceIsRetried() {
        S3ObjectRef source = put("source", "conflict.csv", "a\n5\n");

        TransientFailure failure =
                guard.onCommitConflict(source, "s3://output/conflict.csv", new IOException("412 Precondition Failed"));

        assertThat(failure.reason()).isEqualTo("OUTPUT_COMMIT_CONFLICT");
        assertThat(failure)
                .hasMessage("s3://output/conflict.csv was written by another run while s3://source/conflict.csv was"
                        + " processed, and the source has not changed; retrying (412 Precondition Failed)");
    }
}
