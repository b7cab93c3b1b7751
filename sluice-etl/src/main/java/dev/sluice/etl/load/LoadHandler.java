package dev.sluice.etl.load;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.sluice.aws.clients.S3Clients;
import dev.sluice.aws.clients.SecretsManagerClients;
import dev.sluice.aws.config.ConfigSource;
import dev.sluice.etl.extract.ConnectionSource;
import dev.sluice.etl.extract.SecretsManagerConnectionSource;
import dev.sluice.etl.runtime.EtlInvocation;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The load Lambda, triggered by a processed-batch manifest ({@code processed/_batches/*.json}). Thin: the run
 * loads every processed batch the warehouse does not have yet, so a lost or replayed event changes nothing. A
 * failure propagates (invocation fails, retried, Errors alarm); the failed batch's transaction rolled back.
 * Logs one JSON line and counts LoadBatches, LoadRows, LoadFailures and WarehouseLagSeconds (the alarm's metric).
 *
 * <p>Environment: {@code PROCESSED_BUCKET}, {@code WAREHOUSE_SECRET_ID}, optional {@code PROCESSED_PREFIX},
 * {@code WAREHOUSE_SSLMODE} (default {@code require}).
 */
public final class LoadHandler implements RequestHandler<S3Event, Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(LoadHandler.class);

    private final Loader loader;
    private final EtlInvocation invocation;

    public LoadHandler() {
        this(Defaults.loader(), MetricsFactory.getMetricsInstance());
    }

    public LoadHandler(Loader loader, Metrics metrics) {
        this.loader = loader;
        this.invocation = new EtlInvocation(metrics, LOG);
    }

    @Override
    public Map<String, Object> handleRequest(S3Event event, Context context) {
        List<String> keys = EtlInvocation.objectKeys(event);
        return invocation.run(
                context,
                "LoadFailures",
                "load failed; the failed batch rolled back, the next event or a retry resumes",
                entry("triggeredBy", keys),
                () -> {
                    LoadSummary summary = loader.run();
                    Metrics metrics = invocation.metrics();
                    metrics.addMetric("LoadBatches", summary.loaded().size(), MetricUnit.COUNT);
                    metrics.addMetric("LoadRows", summary.rows(), MetricUnit.COUNT);
                    if (summary.lagSeconds() >= 0) {
                        // Source batch extracted → rows committed in the warehouse; alarmed above 30 minutes.
                        metrics.addMetric("WarehouseLagSeconds", summary.lagSeconds(), MetricUnit.SECONDS);
                    }
                    LOG.info(
                            summary.describe(),
                            entry("triggeredBy", keys),
                            entry("batches", summary.loaded()),
                            entry("rows", summary.rows()),
                            entry("warehouseLagSeconds", summary.lagSeconds()),
                            entry("ms", summary.elapsed().toMillis()));
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("batches", summary.loaded());
                    result.put("rows", summary.rows());
                    result.put("warehouseLagSeconds", summary.lagSeconds());
                    result.put("elapsedMillis", summary.elapsed().toMillis());
                    return result;
                });
    }

    /** Clients built once per execution environment; the secret is read at the first connection, not here. */
    private static final class Defaults {
        private static final S3Client S3 = S3Clients.fromConfig(ConfigSource.environment());
        private static final SecretsManagerClient SECRETS =
                SecretsManagerClients.fromConfig(ConfigSource.environment());

        static Loader loader() {
            Map<String, String> env = System.getenv();
            String secretId = env.get("WAREHOUSE_SECRET_ID");
            if (secretId == null || secretId.isBlank()) {
                throw new IllegalArgumentException("environment variable WAREHOUSE_SECRET_ID is not set");
            }
            ConnectionSource warehouse = new SecretsManagerConnectionSource(
                    SECRETS, secretId, env.getOrDefault("WAREHOUSE_SSLMODE", "require"));
            return new Loader(LoadConfig.fromEnv(env), warehouse, S3, Clock.systemUTC());
        }
    }
}
