package dev.sluice.local.stack;

import java.util.Locale;
import java.util.function.Function;

/**
 * An S3 notification configuration: "ObjectCreated" events in {@code bucket} whose key ends with {@code suffix}
 * (case-insensitive; empty = every key) go to the function named {@code name}.
 */
public record Route(String name, String bucket, String suffix, Function<StackContext, LocalFunction> factory) {

    boolean matches(ObjectCreated event) {
        return event.bucket().equals(bucket)
                && event.key().toLowerCase(Locale.ROOT).endsWith(suffix.toLowerCase(Locale.ROOT));
    }
}
