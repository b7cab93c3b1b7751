package dev.sluice.etl.transform;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.sluice.aws.clients.S3Clients;
import dev.sluice.aws.config.ConfigSource;
import dev.sluice.aws.config.Settings;
import dev.sluice.aws.runtime.SnapshotPriming;
import dev.sluice.etl.runtime.EtlInvocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The transform Lambda, triggered by a new ingestion batch manifest ({@code ingestion/_batches/*.json}). Thin: the
 * event only says "something new"; the run transforms every batch not yet transformed, so a lost or duplicated
 * event changes nothing. Logs one JSON line (with the bytes of lookup snapshot objects written) and counts
 * TransformBatches, TransformRows, TransformSnapshotBytes, TransformFailures and TransformTime. Any failure
 * propagates after it is logged and counted: the invocation fails and is retried.
 *
 * <p>Environment: {@code INGESTION_BUCKET}, {@code PROCESSED_BUCKET}, optional {@code INGESTION_PREFIX},
 * {@code PROCESSED_PREFIX}.
 */
public final class TransformHandler implements RequestHandler<S3Event, Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(TransformHandler.class);

    private final Transformer transformer;
    private final EtlInvocation invocation;

    public TransformHandler() {
        this(Defaults.transformer(), MetricsFactory.getMetricsInstance());
    }

    public TransformHandler(Transformer transformer, Metrics metrics) {
        this.transformer = transformer;
        this.invocation = new EtlInvocation(metrics, LOG);
    }

    @Override
    public Map<String, Object> handleRequest(S3Event event, Context context) {
        List<String> keys = EtlInvocation.objectKeys(event);
        return invocation.run(
                context,
                "TransformFailures",
                "transform failed; state unchanged, the next event or a retry resumes",
                entry("triggeredBy", keys),
                () -> {
                    TransformSummary summary = transformer.run();
                    Metrics metrics = invocation.metrics();
                    metrics.addMetric("TransformBatches", summary.transformed().size(), MetricUnit.COUNT);
                    metrics.addMetric("TransformRows", summary.rows(), MetricUnit.COUNT);
                    metrics.addMetric("TransformTime", summary.elapsed().toMillis(), MetricUnit.MILLISECONDS);
                    metrics.addMetric("TransformSnapshotBytes", summary.snapshotBytes(), MetricUnit.BYTES);
                    List<String> batches = summary.transformed().stream()
                            .map(ProcessedManifest::batchId)
                            .toList();
                    LOG.info(
                            summary.describe(),
                            entry("triggeredBy", keys),
                            entry("batches", batches),
                            entry("adoptedBatches", summary.adopted()),
                            entry("rows", summary.rows()),
                            entry("snapshotBytes", summary.snapshotBytes()),
                            entry("ms", summary.elapsed().toMillis()));
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("batches", batches);
                    result.put("adopted", summary.adopted());
                    result.put("rows", summary.rows());
                    result.put("snapshotBytes", summary.snapshotBytes());
                    result.put("elapsedMillis", summary.elapsed().toMillis());
                    return result;
                });
    }

    /** Built on first use of the no-argument constructor (class initialisation in Lambda, before a snapshot). */
    private static final class Defaults {
        private static final S3Client S3 = S3Clients.fromConfig(ConfigSource.environment());
        /** CRaC keeps only weak references to resources: this field keeps the priming hook alive. */
        static final Resource PRIMING = SnapshotPriming.register(TransformPriming::prime);

        static Transformer transformer() {
            return new Transformer(TransformConfig.from(new Settings(ConfigSource.environment())), S3);
        }
    }
}
