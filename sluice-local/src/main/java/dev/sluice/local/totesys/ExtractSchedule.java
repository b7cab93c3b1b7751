package dev.sluice.local.totesys;

import dev.sluice.etl.extract.ExtractSummary;
import dev.sluice.etl.extract.Extractor;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stand-in for the EventBridge schedule: one thread runs the extract now and then with a fixed delay
 * between runs, so runs never overlap (as reserved concurrency 1 ensures in AWS). A failed run is reported and
 * the schedule goes on; the next run retries, as the Lambda's next invocation would.
 */
public final class ExtractSchedule implements AutoCloseable {

    /** Told about every run ({@link dev.sluice.etl.extract.ExtractException} for expected failures). */
    public interface Listener {
        void completed(ExtractSummary summary);

        /** An {@link ExtractException}, or any other exception (a bug), which must not stop the schedule. */
        void failed(RuntimeException failure);
    }

    /** How long {@link #close} waits for a running extract (and its transform and load) to finish. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger("sluice.local.totesys");

    private final ScheduledExecutorService executor;

    private ExtractSchedule(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    static ExtractSchedule start(Extractor extractor, Duration every, Listener listener) {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("extract interval must be positive, got " + every);
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sluice-totesys-extract");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> runOnce(extractor, listener), 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return new ExtractSchedule(executor);
    }

    private static void runOnce(Extractor extractor, Listener listener) {
        try {
            listener.completed(extractor.run());
        } catch (RuntimeException e) {
            listener.failed(e);
        }
    }

    /**
     * Stops scheduling and waits up to {@link #STOP_TIMEOUT} for a running run to finish. A run still going after
     * that is interrupted and left to fail when the database stops under it; each stage's state is written only
     * after its output is complete, so the next start redoes it.
     */
    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn(
                    "totesys: a run is still going after {} s; stopping anyway (its state is unchanged and the next"
                            + " start redoes it)",
                    STOP_TIMEOUT.toSeconds());
            executor.shutdownNow();
        }
    }
}
