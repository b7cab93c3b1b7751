package dev.sluice.local.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Keys with '.' or '..' segments: the local S3 never merges them with another key and never answers 500. */
class DotSegmentKeysTest {

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"./x/./y.csv", "a/../b.csv", "../escape.csv", "x/.", "x/.."})
    void aKeyWithADotSegmentIsRefusedWith400AndNothingIsStored(String key) throws Exception {
        try (LocalStack stack =
                LocalStack.builder().port(0).dataDir(dataDir).bucket("dots").start()) {
            stack.s3().putObject(b -> b.bucket("dots").key("x/y.csv"), RequestBody.fromString("plain"));

            assertThatThrownBy(() ->
                            stack.s3().putObject(b -> b.bucket("dots").key(key), RequestBody.fromString("dotted")))
                    .isInstanceOfSatisfying(
                            S3Exception.class,
                            e -> assertThat(e.statusCode())
                                    .as("status for " + key)
                                    .isEqualTo(400));

            assertThat(stack.s3()
                            .getObjectAsBytes(b -> b.bucket("dots").key("x/y.csv"))
                            .asUtf8String())
                    .as("x/y.csv is untouched")
                    .isEqualTo("plain");
            assertThat(stack.s3().listObjectsV2Paginator(b -> b.bucket("dots")).contents().stream()
                            .map(S3Object::key))
                    .containsExactly("x/y.csv");
        }
    }

    @Test
    void dotsInsideASegmentAreOrdinaryCharacters() {
        assertThat(DotSegmentKeysRejectingBlobStore.hasDotSegment("a..b/.hidden/x.csv"))
                .isFalse();
        assertThat(DotSegmentKeysRejectingBlobStore.hasDotSegment("a/./b.csv")).isTrue();
        assertThat(DotSegmentKeysRejectingBlobStore.hasDotSegment("a/../b.csv")).isTrue();
    }
}
