package dev.sluice.lambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.aws.failure.SkipReason;
import dev.sluice.aws.s3.S3ObjectRef;
import org.junit.jupiter.api.Test;

class KeyPolicyTest {

    private final KeyPolicy policy = KeyPolicy.suffix(".csv").withOwnOutput("out", "filtered/");

    private static S3ObjectRef ref(String bucket, String key, long size) {
        return new S3ObjectRef(bucket, key, null, null, size, null);
    }

    @Test
    void csvSuffixIsCaseInsensitive() {
        assertThat(policy.skipReason(ref("in", "a/B.CSV", 10))).isEmpty();
        assertThat(policy.skipReason(ref("in", "a/b.Csv", 10))).isEmpty();
    }

    @Test
    void otherSuffixesAndFoldersAreSkipped() {
        assertThat(policy.skipReason(ref("in", "a.csv.gz", 10))).contains(SkipReason.UNSUPPORTED_SUFFIX);
        assertThat(policy.skipReason(ref("in", "dir/", 0))).contains(SkipReason.FOLDER);
    }

    @Test
    void ownOutputIsSkippedOnlyInItsBucket() {
        assertThat(policy.skipReason(ref("out", "filtered/a.csv", 10))).contains(SkipReason.OWN_OUTPUT);
        assertThat(policy.skipReason(ref("in", "filtered/a.csv", 10))).isEmpty();
        assertThat(policy.skipReason(ref("out", "incoming/a.csv", 10))).isEmpty();
    }

    @Test
    void anEmptyOutputPrefixCoversTheWholeDestinationBucket() {
        KeyPolicy p = KeyPolicy.suffix(".csv").withOwnOutput("out", "");
        assertThat(p.skipReason(ref("out", "anything.csv", 10))).contains(SkipReason.OWN_OUTPUT);
    }
}
