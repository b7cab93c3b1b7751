package dev.sluice.etl.extract;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The extract Lambda, run by an EventBridge schedule (one at a time: reserved concurrency 1). Thin: it runs
 * {@link Extractor} and returns the batch summary. Any {@link ExtractException} propagates, so the invocation
 * fails, is retried, and counts in the function's Errors metric (the alarm); the state is then unchanged.
 *
 * <p>Environment: {@code INGESTION_BUCKET}, {@code TOTESYS_SECRET_ID}, optional {@code TOTESYS_TABLES},
 * {@code TOTESYS_SCHEMA}, {@code EXTRACT_FETCH_SIZE}, {@code TOTESYS_SSLMODE} (default {@code require}).
 */
public final class ExtractHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(ExtractHandler.class);

    private final Extractor extractor;

    /** Lambda entry point: clients built once per execution environment; no secret read, no connection. */
    public ExtractHandler() {
        this(Defaults.extractor());
    }

    ExtractHandler(Extractor extractor) {
        this.extractor = extractor;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        LOG.info("extract: scheduled run {} at {}", event == null ? null : event.getId(),
                event == null ? null : event.getTime());
        ExtractSummary summary = extractor.run();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("outcome", summary.outcome().name());
        result.put("batchId", summary.manifest() == null ? null : summary.manifest().batchId());
        result.put("rows", summary.rows());
        result.put("tables", summary.manifest() == null ? 0 : summary.manifest().tables().size());
        result.put("adoptedBatches", summary.rolledForward());
        result.put("elapsedMillis", summary.elapsed().toMillis());
        return result;
    }

    /** Built on first use of the no-argument constructor (class initialisation in Lambda, before a snapshot). */
    private static final class Defaults {
        private static final S3Client S3 = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        private static final SecretsManagerClient SECRETS = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();

        static Extractor extractor() {
            Map<String, String> env = System.getenv();
            ExtractConfig config = ExtractConfig.fromEnv(env);
            ConnectionSource connections = new SecretsManagerConnectionSource(SECRETS, env.get("TOTESYS_SECRET_ID"),
                    env.getOrDefault("TOTESYS_SSLMODE", "require"));
            return new Extractor(config, connections, S3, Clock.systemUTC());
        }
    }
}
