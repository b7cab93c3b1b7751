package dev.sluice.lambda.dynamodb;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with full jitter (AWS architecture blog): before retry {@code n} (0-based) sleep a uniformly
 * random time in {@code [0, min(cap, base * 2^n)]}, so concurrent writers that were throttled together spread out.
 *
 * @param base        the first ceiling
 * @param cap         the largest ceiling
 * @param maxAttempts attempts per request, the first included; then the write fails (the invocation is retried)
 */
public record Backoff(Duration base, Duration cap, int maxAttempts) {

    /** ~50 ms doubling to 5 s: 12 attempts span about 25 s of waiting at worst, well inside a Lambda timeout. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5), 12);

    public Backoff {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    /** The ceiling before retry {@code retry} (0-based). */
    long ceilingMillis(int retry) {
        long ceiling = base.toMillis() << Math.min(retry, 30);
        return Math.min(cap.toMillis(), ceiling < 0 ? Long.MAX_VALUE : ceiling);
    }

    void pause(int retry) throws InterruptedException {
        long ceiling = ceilingMillis(retry);
        if (ceiling > 0) {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        }
    }
}
