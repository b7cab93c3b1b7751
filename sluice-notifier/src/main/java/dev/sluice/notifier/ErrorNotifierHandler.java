package dev.sluice.notifier;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CloudWatchLogsEvent;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The error notifier Lambda: a CloudWatch Logs subscription (filter on the functions' ERROR lines) delivers
 * {@code awslogs.data}; each ERROR becomes at most one e-mail per (function, error type, key) per window.
 *
 * <p>Environment: {@code ALERT_TOPIC_ARN}, {@code ALERT_DEDUP_TABLE}, optional {@code ALERT_WINDOW_SECONDS}
 * (default 900). Metrics (namespace {@code POWERTOOLS_METRICS_NAMESPACE}): {@code AlertsSent},
 * {@code AlertsSuppressed}, {@code AlertFailures}. Its own log group must not be subscribed to itself.
 */
public final class ErrorNotifierHandler implements RequestHandler<CloudWatchLogsEvent, Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorNotifierHandler.class);

    private final ErrorNotifier notifier;
    private final Metrics metrics;

    public ErrorNotifierHandler() {
        this(Defaults.notifier(), MetricsFactory.getMetricsInstance());
    }

    public ErrorNotifierHandler(ErrorNotifier notifier, Metrics metrics) {
        this.notifier = notifier;
        this.metrics = metrics;
        metrics.setRaiseOnEmptyMetrics(false);
    }

    @Override
    public Map<String, Object> handleRequest(CloudWatchLogsEvent event, Context context) {
        Supplier<Map<String, Object>> work = () -> {
            try {
                String data = event == null || event.getAwsLogs() == null
                        ? null
                        : event.getAwsLogs().getData();
                LogBatch batch = LogBatch.decode(data);
                ErrorNotifier.Summary summary = notifier.notify(batch);
                metrics.addMetric("AlertsSent", summary.sent().size(), MetricUnit.COUNT);
                metrics.addMetric("AlertsSuppressed", summary.suppressed(), MetricUnit.COUNT);
                LOG.info(
                        "alerts: " + summary.sent().size() + " sent, " + summary.suppressed() + " suppressed",
                        entry("logGroup", batch.logGroup()),
                        entry("errors", summary.errors()),
                        entry("sent", summary.sent().size()),
                        entry("suppressed", summary.suppressed()));
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("errors", summary.errors());
                result.put("sent", summary.sent().size());
                result.put("suppressed", summary.suppressed());
                return result;
            } catch (RuntimeException e) {
                metrics.addMetric("AlertFailures", 1, MetricUnit.COUNT);
                // WARN, not ERROR: a subscription on this function's own log group must never feed on it.
                LOG.warn(
                        "alerting failed",
                        entry("reason", e.getClass().getSimpleName()),
                        entry("errorMessage", e.getMessage()));
                throw e;
            } finally {
                metrics.flush();
            }
        };
        return context == null ? work.get() : PowertoolsLogging.withLogging(context, work);
    }

    /** Clients built once per execution environment. */
    private static final class Defaults {
        static ErrorNotifier notifier() {
            NotifierConfig config = NotifierConfig.fromEnv(System.getenv());
            SnsClient sns = SnsClient.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .build();
            DynamoDbClient dynamoDb = DynamoDbClient.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .build();
            return new ErrorNotifier(
                    new AlertDeduplicator(dynamoDb, config.dedupTable(), config.window(), Clock.systemUTC()),
                    new SnsAlertPublisher(sns, config.topicArn()));
        }
    }
}
