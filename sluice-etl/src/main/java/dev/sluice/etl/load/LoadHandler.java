package dev.sluice.etl.load;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.sluice.aws.clients.S3Clients;
import dev.sluice.aws.clients.SecretsManagerClients;
import dev.sluice.aws.config.ConfigSource;
import dev.sluice.aws.config.Settings;
import dev.sluice.aws.runtime.SnapshotPriming;
import dev.sluice.etl.extract.ConnectionSource;
import dev.sluice.etl.extract.SecretsManagerConnectionSource;
import dev.sluice.etl.runtime.EtlInvocation;
import dev.sluice.etl.warehouse.WarehouseMigration;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
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
 * The load Lambda, triggered by a processed-batch manifest ({@code processed/_batches/*.json}). Thin: the run
 * loads every processed batch the warehouse does not have yet, so a lost or replayed event changes nothing. A
 * failure propagates (invocation fails, retried, Errors alarm); the failed batch's transaction rolled back.
 * Logs one JSON line and counts LoadBatches, LoadRows, LoadFailures, WarehouseLagSeconds (extract → commit),
 * SourceToWarehouseLagSeconds (newest source change applied → commit: the 30-minute freshness SLO) and
 * WarehouseFreshnessSeconds (age of the newest source change in the warehouse, every run).
 * The first invocation of an execution environment first migrates the warehouse schema (Flyway, under an advisory
 * lock: see {@link WarehouseMigration}), so a fresh deployment needs no separate migration step.
 *
 * <p>Environment: {@code PROCESSED_BUCKET}, {@code WAREHOUSE_SECRET_ID}, optional {@code PROCESSED_PREFIX},
 * {@code WAREHOUSE_SSLMODE} (default {@code require}).
 */
public final class LoadHandler implements RequestHandler<S3Event, Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(LoadHandler.class);

    private final Loader loader;
    private final WarehouseMigration migration;
    private final EtlInvocation invocation;

    public LoadHandler() {
        this(Defaults.loader(), Defaults.MIGRATION, MetricsFactory.getMetricsInstance());
    }

    /**
     * @param migration run before the first load of this execution environment (held in a static by the
     *     no-argument constructor, so once per JVM, not per invocation)
     */
    public LoadHandler(Loader loader, WarehouseMigration migration, Metrics metrics) {
        this.loader = loader;
        this.migration = migration;
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
                    Metrics metrics = invocation.metrics();
                    migrate(metrics);
                    LoadSummary summary = loader.run();
                    metrics.addMetric("LoadBatches", summary.loaded().size(), MetricUnit.COUNT);
                    metrics.addMetric("LoadRows", summary.rows(), MetricUnit.COUNT);
                    if (summary.lagSeconds() >= 0) {
                        // Source batch extracted → rows committed in the warehouse; alarmed above 30 minutes.
                        metrics.addMetric("WarehouseLagSeconds", summary.lagSeconds(), MetricUnit.SECONDS);
                    }
                    if (summary.sourceLagSeconds() >= 0) {
                        // The freshness SLO: newest source change applied → its commit here; promise ≤ 30 minutes.
                        metrics.addMetric(
                                "SourceToWarehouseLagSeconds", summary.sourceLagSeconds(), MetricUnit.SECONDS);
                    }
                    if (summary.freshnessSeconds() >= 0) {
                        // Age of the newest source change the warehouse holds, on every run (also "nothing to do").
                        metrics.addMetric("WarehouseFreshnessSeconds", summary.freshnessSeconds(), MetricUnit.SECONDS);
                    }
                    LOG.info(
                            summary.describe(),
                            entry("triggeredBy", keys),
                            entry("batches", summary.loaded()),
                            entry("rows", summary.rows()),
                            entry("warehouseLagSeconds", summary.lagSeconds()),
                            entry("sourceToWarehouseLagSeconds", summary.sourceLagSeconds()),
                            entry("warehouseFreshnessSeconds", summary.freshnessSeconds()),
                            entry("ms", summary.elapsed().toMillis()));
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("batches", summary.loaded());
                    result.put("rows", summary.rows());
                    result.put("warehouseLagSeconds", summary.lagSeconds());
                    result.put("sourceToWarehouseLagSeconds", summary.sourceLagSeconds());
                    result.put("warehouseFreshnessSeconds", summary.freshnessSeconds());
                    result.put("elapsedMillis", summary.elapsed().toMillis());
                    return result;
                });
    }

    /** Migrates on the first invocation of this environment; a failure is retried by the next invocation. */
    private void migrate(Metrics metrics) {
        if (migration.migrated()) {
            return;
        }
        long start = System.nanoTime();
        int applied = migration.ensureMigrated();
        long ms = (System.nanoTime() - start) / 1_000_000;
        metrics.addMetric("WarehouseMigrationsApplied", applied, MetricUnit.COUNT);
        LOG.info("load: warehouse schema up to date", entry("migrationsApplied", applied), entry("ms", ms));
    }

    /** Clients built once per execution environment; the secret is read at the first connection, not here. */
    private static final class Defaults {
        private static final S3Client S3 = S3Clients.fromConfig(ConfigSource.environment());
        private static final SecretsManagerClient SECRETS =
                SecretsManagerClients.fromConfig(ConfigSource.environment());
        private static final Settings SETTINGS = new Settings(ConfigSource.environment());
        private static final ConnectionSource WAREHOUSE = warehouse(SETTINGS);
        /** One per JVM: the schema is checked at the cold start's first invocation only. */
        static final WarehouseMigration MIGRATION = new WarehouseMigration(WAREHOUSE);
        /** CRaC keeps only weak references to resources: this field keeps the priming hook alive. */
        static final Resource PRIMING = SnapshotPriming.register(LoadPriming::prime);

        private static ConnectionSource warehouse(Settings settings) {
            return new SecretsManagerConnectionSource(
                    SECRETS,
                    settings.required("WAREHOUSE_SECRET_ID", "the name or ARN of the warehouse database secret"),
                    settings.string("WAREHOUSE_SSLMODE", "require"));
        }

        static Loader loader() {
            return new Loader(LoadConfig.from(SETTINGS), WAREHOUSE, S3, Clock.systemUTC());
        }
    }
}
