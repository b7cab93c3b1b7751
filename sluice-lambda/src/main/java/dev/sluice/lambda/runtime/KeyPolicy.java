package dev.sluice.lambda.runtime;

import dev.sluice.aws.failure.SkipReason;
import dev.sluice.aws.s3.S3ObjectRef;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which objects a function processes. Everything else named by an event is skipped and counted.
 *
 * @param suffixes   accepted key suffixes, compared case-insensitively (e.g. ".csv"); empty accepts every key
 * @param ownOutputs where this function writes (its output and error reports): never read back (loop guard)
 */
public record KeyPolicy(List<String> suffixes, List<OwnOutput> ownOutputs) {

    /** A bucket and key prefix this function writes to; an empty prefix covers the whole bucket. */
    public record OwnOutput(String bucket, String prefix) {
        boolean covers(S3ObjectRef ref) {
            return ref.bucket().equals(bucket) && ref.key().startsWith(prefix);
        }
    }

    public KeyPolicy {
        suffixes = suffixes.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        ownOutputs = List.copyOf(ownOutputs);
    }

    public static KeyPolicy suffix(String... suffixes) {
        return new KeyPolicy(List.of(suffixes), List.of());
    }

    public KeyPolicy withOwnOutput(String bucket, String prefix) {
        return new KeyPolicy(
                suffixes,
                Stream.concat(ownOutputs.stream(), Stream.of(new OwnOutput(bucket, prefix)))
                        .toList());
    }

    public Optional<SkipReason> skipReason(S3ObjectRef ref) {
        if (ref.isFolder()) {
            return Optional.of(SkipReason.FOLDER);
        }
        if (ownOutputs.stream().anyMatch(o -> o.covers(ref))) {
            return Optional.of(SkipReason.OWN_OUTPUT);
        }
        String key = ref.key().toLowerCase(Locale.ROOT);
        if (!suffixes.isEmpty() && suffixes.stream().noneMatch(key::endsWith)) {
            return Optional.of(SkipReason.UNSUPPORTED_SUFFIX);
        }
        return Optional.empty();
    }
}
