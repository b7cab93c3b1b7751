package dev.sluice.etl.extract;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.sluice.aws.clients.S3Clients;
import dev.sluice.aws.clients.SecretsManagerClients;
import dev.sluice.aws.config.ConfigSource;
import dev.sluice.aws.config.Settings;
import dev.sluice.aws.runtime.SnapshotPriming;
import dev.sluice.etl.runtime.EtlInvocation;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The extract Lambda, run by an EventBridge schedule (one at a time: reserved concurrency 1). Thin: it runs
 * {@link Extractor}, logs one JSON line, counts metrics (ExtractBatches, ExtractRows, ExtractNoChange,
 * ExtractFailures, ExtractTime) and returns the batch summary. An {@link ExtractException} propagates after it is
 * logged and counted, so the invocation fails, is retried and raises the Errors alarm; the state is unchanged.
 *
 * <p>Environment: {@code INGESTION_BUCKET}, {@code TOTESYS_SECRET_ID}, optional {@code TOTESYS_TABLES},
 * {@code TOTESYS_SCHEMA}, {@code EXTRACT_FETCH_SIZE}, {@code TOTESYS_SSLMODE} (default {@code require}).
 */
public final class ExtractHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(ExtractHandler.class);

    private final Extractor extractor;
    private final EtlInvocation invocation;
    private final Metrics metrics;

    /** Lambda entry point: clients built once per execution environment; no secret read, no connection. */
    public ExtractHandler() {
        this(Defaults.extractor(), MetricsFactory.getMetricsInstance());
    }

    ExtractHandler(Extractor extractor, Metrics metrics) {
        this.extractor = extractor;
        this.metrics = metrics;
        this.invocation = new EtlInvocation(metrics, LOG);
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return invocation.run(
                context,
                "ExtractFailures",
                "extract failed; state unchanged, the next scheduled run retries",
                entry("scheduledEvent", event == null ? null : event.getId()),
                () -> {
                    ExtractSummary summary = extractor.run();
                    record(summary);
                    return result(summary);
                });
    }

    private void record(ExtractSummary summary) {
        // Heartbeat: 1 per completed run, changes or not, so an alarm on missing data notices a stopped schedule.
        metrics.addMetric("ExtractRuns", 1, MetricUnit.COUNT);
        metrics.addMetric("ExtractTime", summary.elapsed().toMillis(), MetricUnit.MILLISECONDS);
        if (summary.manifest() == null) {
            metrics.addMetric("ExtractNoChange", 1, MetricUnit.COUNT);
            LOG.info(
                    "extract: no changes; nothing written",
                    entry("adoptedBatches", summary.rolledForward()),
                    entry("ms", summary.elapsed().toMillis()));
            return;
        }
        metrics.addMetric("ExtractBatches", 1, MetricUnit.COUNT);
        metrics.addMetric("ExtractRows", summary.rows(), MetricUnit.COUNT);
        Map<String, Long> rows = new LinkedHashMap<>();
        summary.manifest().tables().forEach(t -> rows.put(t.table(), t.rows()));
        LOG.info(
                "extract: batch written",
                entry("batchId", summary.manifest().batchId()),
                entry("rows", summary.rows()),
                entry("tables", rows),
                entry("adoptedBatches", summary.rolledForward()),
                entry("ms", summary.elapsed().toMillis()));
    }

    private static Map<String, Object> result(ExtractSummary summary) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("outcome", summary.outcome().name());
        result.put(
                "batchId",
                summary.manifest() == null ? null : summary.manifest().batchId());
        result.put("rows", summary.rows());
        result.put(
                "tables",
                summary.manifest() == null ? 0 : summary.manifest().tables().size());
        result.put("adoptedBatches", summary.rolledForward());
        result.put("elapsedMillis", summary.elapsed().toMillis());
        return result;
    }

    /** Built on first use of the no-argument constructor (class initialisation in Lambda, before a snapshot). */
    private static final class Defaults {
        private static final S3Client S3 = S3Clients.fromConfig(ConfigSource.environment());
        private static final SecretsManagerClient SECRETS =
                SecretsManagerClients.fromConfig(ConfigSource.environment());
        /** CRaC keeps only weak references to resources: this field keeps the priming hook alive. */
        static final Resource PRIMING = SnapshotPriming.register(ExtractPriming::prime);

        static Extractor extractor() {
            Settings settings = new Settings(ConfigSource.environment());
            ExtractConfig config = ExtractConfig.from(settings);
            ConnectionSource connections = new SecretsManagerConnectionSource(
                    SECRETS,
                    settings.required("TOTESYS_SECRET_ID", "the name or ARN of the Totesys database secret"),
                    settings.string("TOTESYS_SSLMODE", "require"));
            return new Extractor(config, connections, S3, Clock.systemUTC());
        }
    }
}
