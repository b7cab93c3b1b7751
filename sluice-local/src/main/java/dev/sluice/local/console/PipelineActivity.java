package dev.sluice.local.console;

import dev.sluice.etl.extract.BatchManifest;
import dev.sluice.etl.extract.ExtractSummary;
import dev.sluice.etl.load.LoadSummary;
import dev.sluice.etl.transform.ProcessedManifest;
import dev.sluice.etl.transform.TransformSummary;
import dev.sluice.lambda.runtime.ObjectOutcome;
import dev.sluice.lambda.runtime.ObjectResult;
import dev.sluice.local.stack.InvocationListener;
import dev.sluice.local.totesys.EtlObserver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the console shows about the functions: per function, how many objects or batches it processed, how many
 * failed, how many needed a retry and how many ended in the dead letter; and the latest invocations and ETL runs.
 * It listens to the local stack (filter, loader, metadata) and to the ETL chain (extract, transform, load), in
 * memory: counts start at zero with each {@code ./sluice up}; what persists (dead letters, error reports, the
 * warehouse's batch ledger) is read from where it is kept.
 */
public final class PipelineActivity implements InvocationListener, EtlObserver {

    /** How many invocations and ETL runs are kept for the console's "latest" tables. */
    public static final int MAX_RECENT = 200;

    /** The ETL chain's functions, as the console names them. */
    public static final String EXTRACT = "extract";

    public static final String TRANSFORM = "transform";
    public static final String LOAD = "load";

    /** Counts of one function. */
    public record Counts(long processed, long skipped, long failed, long retried, long deadLettered) {
        static final Counts ZERO = new Counts(0, 0, 0, 0, 0);

        Counts plus(Counts o) {
            return new Counts(
                    processed + o.processed,
                    skipped + o.skipped,
                    failed + o.failed,
                    retried + o.retried,
                    deadLettered + o.deadLettered);
        }
    }

    /**
     * One invocation (or ETL run) as the console lists it. {@code rowsIn}/{@code rowsOut} are -1 when the function
     * has no such count; {@code key} is the object key, or the batch id(s) for the ETL functions.
     */
    public record Invocation(
            Instant at,
            String function,
            String bucket,
            String key,
            String outcome,
            long rowsIn,
            long rowsOut,
            long elapsedMillis,
            int attempts,
            String detail) {}

    /** One ETL batch a stage handled. */
    public record BatchRun(Instant at, String stage, String batchId, long rows) {}

    private final Clock clock;
    private final Map<String, Counts> counts = new LinkedHashMap<>();
    private final Deque<Invocation> recent = new ArrayDeque<>();
    private final Deque<BatchRun> batches = new ArrayDeque<>();
    private long version;

    public PipelineActivity(Clock clock, List<String> functions) {
        this.clock = clock;
        functions.forEach(f -> counts.put(f, Counts.ZERO));
        List.of(EXTRACT, TRANSFORM, LOAD).forEach(f -> counts.putIfAbsent(f, Counts.ZERO));
    }

    @Override
    public void settled(String route, ObjectOutcome outcome, int attempts, Path deadLetter) {
        long retried = attempts > 1 ? 1 : 0;
        Invocation invocation = switch (outcome) {
            case ObjectOutcome.Processed p -> {
                count(route, new Counts(1, 0, 0, retried, 0));
                yield invocation(
                        route,
                        p.object().bucket(),
                        p.object().key(),
                        "processed",
                        p.result(),
                        p.elapsed().toMillis(),
                        attempts,
                        p.result().output());
            }
            case ObjectOutcome.Skipped s -> {
                count(route, new Counts(0, 1, 0, retried, 0));
                yield invocation(
                        route,
                        s.object().bucket(),
                        s.object().key(),
                        "skipped",
                        null,
                        0,
                        attempts,
                        s.reason().toString().toLowerCase(Locale.ROOT));
            }
            case ObjectOutcome.Failed f -> {
                long dead = deadLetter != null ? 1 : 0;
                count(route, new Counts(0, 0, 1, retried, dead));
                String detail = f.failure().reason() + ": " + f.failure().getMessage()
                        + (f.reportLocation() != null ? " (report " + f.reportLocation() + ")" : "");
                yield invocation(
                        route,
                        f.object().bucket(),
                        f.object().key(),
                        dead == 1 ? "dead-lettered" : "failed",
                        null,
                        f.elapsed().toMillis(),
                        attempts,
                        detail);
            }
        };
        remember(invocation);
    }

    private Invocation invocation(
            String route,
            String bucket,
            String key,
            String outcome,
            ObjectResult result,
            long elapsedMillis,
            int attempts,
            String detail) {
        long in = result == null ? -1 : firstCount(result, "RowsIn", "CsvRows");
        long out = result == null ? -1 : firstCount(result, "RowsKept", "RowsLoaded");
        return new Invocation(clock.instant(), route, bucket, key, outcome, in, out, elapsedMillis, attempts, detail);
    }

    private static long firstCount(ObjectResult result, String... names) {
        for (String name : names) {
            if (result.counts().containsKey(name)) {
                return result.count(name);
            }
        }
        return -1;
    }

    @Override
    public void extracted(ExtractSummary summary) {
        if (summary.outcome() == ExtractSummary.Outcome.NO_CHANGES) {
            return; // a run that found nothing is not an invocation worth a row every few seconds
        }
        BatchManifest manifest = summary.manifest();
        count(EXTRACT, new Counts(1, 0, 0, 0, 0));
        remember(new Invocation(
                clock.instant(),
                EXTRACT,
                "",
                manifest.batchId(),
                "processed",
                -1,
                manifest.totalRows(),
                summary.elapsed().toMillis(),
                1,
                manifest.tables().size() + " table(s)"));
        batch(new BatchRun(clock.instant(), EXTRACT, manifest.batchId(), manifest.totalRows()));
    }

    @Override
    public void transformed(TransformSummary summary) {
        if (summary.transformed().isEmpty()) {
            return;
        }
        count(TRANSFORM, new Counts(summary.transformed().size(), 0, 0, 0, 0));
        for (ProcessedManifest manifest : summary.transformed()) {
            batch(new BatchRun(clock.instant(), TRANSFORM, manifest.batchId(), manifest.totalRows()));
        }
        remember(new Invocation(
                clock.instant(),
                TRANSFORM,
                "",
                span(
                        summary.transformed().getFirst().batchId(),
                        summary.transformed().getLast().batchId()),
                "processed",
                -1,
                summary.rows(),
                summary.elapsed().toMillis(),
                1,
                summary.transformed().size() + " batch(es)"));
    }

    @Override
    public void loaded(LoadSummary summary) {
        if (summary.loaded().isEmpty()) {
            return;
        }
        count(LOAD, new Counts(summary.loaded().size(), 0, 0, 0, 0));
        remember(new Invocation(
                clock.instant(),
                LOAD,
                "",
                span(summary.loaded().getFirst(), summary.loaded().getLast()),
                "processed",
                -1,
                summary.rows(),
                summary.elapsed().toMillis(),
                1,
                summary.loaded().size() + " batch(es), lag " + summary.lagSeconds() + " s"));
        // Per-batch loaded rows and times are in the warehouse's etl_batch ledger; the console reads them there.
    }

    @Override
    public void failed(Stage stage, RuntimeException failure) {
        String function = stage.name().toLowerCase(Locale.ROOT);
        count(function, new Counts(0, 0, 1, 0, 0));
        remember(new Invocation(
                clock.instant(), function, "", "", "failed", -1, -1, 0, 1, String.valueOf(failure.getMessage())));
    }

    private static String span(String first, String last) {
        return first.equals(last) ? first : first + " .. " + last;
    }

    private synchronized void count(String function, Counts delta) {
        counts.merge(function, delta, Counts::plus);
        version++;
    }

    private synchronized void remember(Invocation invocation) {
        recent.addFirst(invocation);
        while (recent.size() > MAX_RECENT) {
            recent.removeLast();
        }
        version++;
    }

    private synchronized void batch(BatchRun run) {
        batches.addFirst(run);
        while (batches.size() > MAX_RECENT) {
            batches.removeLast();
        }
        version++;
    }

    /** Every function's counts, in a stable order (the stack's routes first, then extract, transform, load). */
    public synchronized Map<String, Counts> counts() {
        return new LinkedHashMap<>(counts);
    }

    /** The latest invocations, newest first. */
    public synchronized List<Invocation> recent(int limit) {
        return new ArrayList<>(recent).subList(0, Math.min(limit, recent.size()));
    }

    /** The latest batches extracted and transformed, newest first. */
    public synchronized List<BatchRun> batches(int limit) {
        return new ArrayList<>(batches).subList(0, Math.min(limit, batches.size()));
    }

    /** Changes with every recorded event: the page asks for details only when it moved. */
    public synchronized long version() {
        return version;
    }
}
