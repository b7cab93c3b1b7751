package dev.sluice.etl.runtime;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.logging.argument.StructuredArgument;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The frame the three ETL handlers share, so that none of them can forget a part of the failure contract: the run
 * happens inside the Powertools logging context (request id, cold start), any failure is counted in the stage's
 * failure metric, logged as one ERROR line and rethrown (the invocation fails and is retried; the error alarm
 * fires), and the metrics are flushed whatever happens.
 */
public final class EtlInvocation {

    private final Metrics metrics;
    private final Logger log;

    public EtlInvocation(Metrics metrics, Logger log) {
        this.metrics = metrics;
        this.log = log;
        metrics.setRaiseOnEmptyMetrics(false); // a run that fails before its first metric still flushes cleanly
    }

    public Metrics metrics() {
        return metrics;
    }

    /**
     * Runs {@code work}; on failure adds 1 to {@code failureMetric}, logs {@code failureMessage} with the reason and
     * {@code trigger}, and rethrows.
     */
    public <T> T run(
            Context context,
            String failureMetric,
            String failureMessage,
            StructuredArgument trigger,
            Supplier<T> work) {
        Supplier<T> framed = () -> {
            try {
                return work.get();
            } catch (RuntimeException e) {
                metrics.addMetric(failureMetric, 1, MetricUnit.COUNT);
                log.error(
                        failureMessage,
                        entry("reason", e.getClass().getSimpleName()),
                        entry("errorMessage", e.getMessage()),
                        trigger);
                throw e;
            } finally {
                metrics.flush();
            }
        };
        // Tests and local runs call handlers without a Lambda context; Powertools needs one for its fields.
        return context == null ? framed.get() : PowertoolsLogging.withLogging(context, framed);
    }

    /** The decoded object keys of an S3 event, for the log line (the handlers catch up on everything anyway). */
    public static List<String> objectKeys(S3Event event) {
        return event == null || event.getRecords() == null
                ? List.of()
                : event.getRecords().stream()
                        .map(r -> r.getS3().getObject().getUrlDecodedKey())
                        .toList();
    }
}
