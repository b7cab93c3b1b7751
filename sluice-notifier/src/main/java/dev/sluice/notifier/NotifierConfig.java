package dev.sluice.notifier;

import java.time.Duration;
import java.util.Map;

/**
 * The notifier's environment.
 *
 * @param topicArn   {@code ALERT_TOPIC_ARN}: the SNS topic the e-mails are published to
 * @param dedupTable {@code ALERT_DEDUP_TABLE}: DynamoDB table, partition key {@code fingerprint} (S), TTL attribute
 *                   {@code expires_at}
 * @param window     {@code ALERT_WINDOW_SECONDS} (default {@value #DEFAULT_WINDOW_SECONDS}): one mail per
 *                   (function, error type, key) per window
 */
public record NotifierConfig(String topicArn, String dedupTable, Duration window) {

    public static final long DEFAULT_WINDOW_SECONDS = 900;

    public NotifierConfig {
        require(topicArn, "ALERT_TOPIC_ARN");
        require(dedupTable, "ALERT_DEDUP_TABLE");
        if (window == null || window.isNegative() || window.isZero()) {
            throw new NotifierConfigException(
                    "ALERT_WINDOW_SECONDS must be a positive number of seconds, got " + window);
        }
    }

    public static NotifierConfig fromEnv(Map<String, String> env) {
        String window = env.get("ALERT_WINDOW_SECONDS");
        long seconds;
        try {
            seconds = window == null || window.isBlank() ? DEFAULT_WINDOW_SECONDS : Long.parseLong(window.trim());
        } catch (NumberFormatException e) {
            throw new NotifierConfigException("ALERT_WINDOW_SECONDS is not a number: '" + window + "'");
        }
        if (seconds <= 0) {
            throw new NotifierConfigException("ALERT_WINDOW_SECONDS must be positive, got " + seconds);
        }
        return new NotifierConfig(
                env.get("ALERT_TOPIC_ARN"), env.get("ALERT_DEDUP_TABLE"), Duration.ofSeconds(seconds));
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new NotifierConfigException("environment variable " + name + " is not set");
        }
    }
}
