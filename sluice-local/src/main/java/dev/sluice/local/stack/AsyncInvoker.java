package dev.sluice.local.stack;

import dev.sluice.aws.failure.TransientFailure;
import dev.sluice.aws.s3.S3EventRecords;
import dev.sluice.aws.s3.S3ObjectRef;
import dev.sluice.lambda.runtime.InvocationReport;
import dev.sluice.lambda.runtime.ObjectOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda's asynchronous invocation, locally: a bounded pool of workers, {@value #MAX_RETRIES} retries with
 * exponential back-off for a failed invocation, then the event goes to the dead-letter folder with its error.
 * Stopping lets running invocations finish; events not yet started (or waiting for a retry) stay in the journal and
 * run at the next start.
 */
final class AsyncInvoker {

    /** Lambda retries a failed asynchronous invocation twice. */
    static final int MAX_RETRIES = 2;

    private static final Logger LOG = LoggerFactory.getLogger("sluice.local");

    private final EventJournal journal;
    private final Map<String, LocalFunction> functions;
    private final InvocationListener listener;
    private final Duration firstBackoff;
    private final ScheduledThreadPoolExecutor workers;
    private volatile boolean stopping;

    AsyncInvoker(
            EventJournal journal,
            Map<String, LocalFunction> functions,
            InvocationListener listener,
            int workerCount,
            Duration firstBackoff) {
        this.journal = journal;
        this.functions = Map.copyOf(functions);
        this.listener = listener;
        this.firstBackoff = firstBackoff;
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ScheduledThreadPoolExecutor(workerCount, r -> {
            Thread t = new Thread(r, "sluice-invoker-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        workers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    void submit(EventJournal.PendingEvent event) {
        schedule(event, 1, Duration.ZERO);
    }

    private void schedule(EventJournal.PendingEvent event, int attempt, Duration delay) {
        if (!stopping) {
            workers.schedule(() -> attempt(event, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void attempt(EventJournal.PendingEvent event, int attempt) {
        if (stopping) {
            return; // still in the journal: runs at the next start
        }
        List<S3ObjectRef> objects = S3EventRecords.fromJson(event.eventJson());
        InvocationReport report;
        try {
            report = functions.get(event.route()).invoke(objects);
        } catch (RuntimeException e) { // a function bug fails the invocation, as in Lambda
            report = new InvocationReport(objects.stream()
                    .<ObjectOutcome>map(o -> new ObjectOutcome.Failed(
                            o, new TransientFailure("UNEXPECTED", e.toString(), e), Duration.ZERO, null))
                    .toList());
        }
        if (!report.needsRetry()) {
            journal.complete(event);
            settle(event, report, attempt, null);
        } else if (attempt <= MAX_RETRIES) {
            Duration backoff = firstBackoff.multipliedBy(1L << (attempt - 1));
            report.transientFailures()
                    .forEach(f -> LOG.warn(
                            "{} {}: failed ({}: {}); retry {} of {} in {} ms",
                            event.route(),
                            f.object().uri(),
                            f.failure().reason(),
                            f.failure().getMessage(),
                            attempt,
                            MAX_RETRIES,
                            backoff.toMillis()));
            schedule(event, attempt + 1, backoff);
        } else {
            String error = report.transientFailures().stream()
                    .map(f -> f.object().uri() + ": " + f.failure().reason() + ": "
                            + f.failure().getMessage())
                    .reduce((a, b) -> a + "; " + b)
                    .orElse("");
            Path file = journal.deadLetter(event, attempt, error);
            settle(event, report, attempt, file);
        }
    }

    private void settle(EventJournal.PendingEvent event, InvocationReport report, int attempts, Path deadLetter) {
        for (ObjectOutcome outcome : report.outcomes()) {
            log(event.route(), outcome, attempts, deadLetter);
            listener.settled(event.route(), outcome, attempts, deadLetter);
        }
    }

    private static void log(String route, ObjectOutcome outcome, int attempts, Path deadLetter) {
        String tries = attempts > 1 ? " after " + attempts + " attempts" : "";
        switch (outcome) {
            // Each function names its own counts (the filter's rows kept, the loader's rows loaded and rejected, ...).
            case ObjectOutcome.Processed p ->
                LOG.info(
                        "{} {}: {}, {} ms -> {}{}",
                        route,
                        p.object().uri(),
                        p.result().describeCounts(),
                        p.elapsed().toMillis(),
                        p.result().output(),
                        tries);
            case ObjectOutcome.Skipped s ->
                LOG.info("{} {}: skipped ({})", route, s.object().uri(), s.reason());
            case ObjectOutcome.Failed f
            when deadLetter != null && f.isTransient() ->
                LOG.error(
                        "{} {}: failed{} ({}: {}); event moved to {}",
                        route,
                        f.object().uri(),
                        tries,
                        f.failure().reason(),
                        f.failure().getMessage(),
                        deadLetter);
            case ObjectOutcome.Failed f ->
                LOG.error(
                        "{} {}: {} at line {}: {}; error report {}",
                        route,
                        f.object().uri(),
                        f.failure().reason(),
                        f.failure().line(),
                        f.failure().getMessage(),
                        f.reportLocation());
        }
    }

    /** Lets running invocations finish (up to {@code timeout}); queued events and pending retries stay in the journal. */
    boolean stop(Duration timeout) throws InterruptedException {
        stopping = true;
        workers.shutdown();
        return workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
