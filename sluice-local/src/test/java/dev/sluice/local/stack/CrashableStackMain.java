package dev.sluice.local.stack;

import dev.sluice.aws.config.ConfigSource;
import java.nio.file.Path;
import java.util.Map;

/**
 * The local stack with the filter route, alone in a JVM so a test can {@code kill -9} it: args {@code <dataDir>};
 * prints {@code READY <endpoint>} once it accepts requests, then runs until killed.
 */
public final class CrashableStackMain {

    private CrashableStackMain() {}

    public static void main(String[] args) throws Exception {
        var config =
                FilterStack.config(FilterStack.SOURCE_BUCKET, FilterStack.FILTERED_BUCKET, ConfigSource.of(Map.of()));
        LocalStack stack = FilterStack.register(
                        LocalStack.builder().port(0).dataDir(Path.of(args[0])).workers(2),
                        FilterStack.SOURCE_BUCKET,
                        config)
                .start();
        System.out.println("READY " + stack.endpoint());
        System.out.flush();
        Thread.currentThread().join(); // until killed
    }
}
