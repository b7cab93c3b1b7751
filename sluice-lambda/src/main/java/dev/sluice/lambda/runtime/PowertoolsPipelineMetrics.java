package dev.sluice.lambda.runtime;

import dev.sluice.aws.failure.SkipReason;
import java.util.Map;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * CloudWatch embedded-metric-format metrics through Powertools (namespace from {@code POWERTOOLS_METRICS_NAMESPACE}).
 * Names: FilesProcessed, FilesSkipped, FilesSuperseded, FilesFailed (permanent: the alarm watches it), FilesRetried (transient),
 * ProcessingTime (ms), plus every count and byte size a processor reports (RowsIn, RowsKept, BytesIn, ...).
 */
public final class PowertoolsPipelineMetrics implements PipelineMetrics {

    public static final String FILES_PROCESSED = "FilesProcessed";
    public static final String FILES_SKIPPED = "FilesSkipped";
    /** Skipped because the source was overwritten while it was processed (also counted in FilesSkipped). */
    public static final String FILES_SUPERSEDED = "FilesSuperseded";

    public static final String FILES_FAILED = "FilesFailed";
    public static final String FILES_RETRIED = "FilesRetried";
    public static final String PROCESSING_TIME = "ProcessingTime";

    private final Metrics metrics;

    public PowertoolsPipelineMetrics() {
        this(MetricsFactory.getMetricsInstance());
    }

    PowertoolsPipelineMetrics(Metrics metrics) {
        this.metrics = metrics;
        // An invocation that only skipped a folder key still flushes its FilesSkipped count; never fail on "empty".
        metrics.setRaiseOnEmptyMetrics(false);
    }

    @Override
    public void record(ObjectOutcome outcome) {
        switch (outcome) {
            case ObjectOutcome.Processed p -> {
                metrics.addMetric(FILES_PROCESSED, 1, MetricUnit.COUNT);
                metrics.addMetric(PROCESSING_TIME, p.elapsed().toMillis(), MetricUnit.MILLISECONDS);
                add(p.result().counts(), MetricUnit.COUNT);
                add(p.result().bytes(), MetricUnit.BYTES);
            }
            case ObjectOutcome.Skipped s -> {
                metrics.addMetric(FILES_SKIPPED, 1, MetricUnit.COUNT);
                if (s.reason() == SkipReason.SUPERSEDED) {
                    metrics.addMetric(FILES_SUPERSEDED, 1, MetricUnit.COUNT);
                }
            }
            case ObjectOutcome.Failed f ->
                metrics.addMetric(f.isTransient() ? FILES_RETRIED : FILES_FAILED, 1, MetricUnit.COUNT);
        }
    }

    private void add(Map<String, Long> values, MetricUnit unit) {
        values.forEach((name, value) -> metrics.addMetric(name, value, unit));
    }

    @Override
    public void flush() {
        metrics.flush();
    }
}
