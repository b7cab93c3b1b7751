package dev.sluice.notifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One ERROR a function logged, read from its one-line JSON (Powertools {@code LambdaJsonLayout}). The fields the
 * Sluice functions write on failure:
 *
 * <ul>
 *   <li>{@code function_name} (Powertools; else the name in the log group {@code /aws/lambda/<name>})
 *   <li>{@code reason}: the error type (an exception's simple name in the ETL frame, a failure reason such as
 *       {@code MALFORMED_EVENT} or {@code ROWS_REJECTED} in the S3 functions); else {@code error.name}, the logged
 *       exception's class
 *   <li>{@code errorMessage}; else {@code error.message}; else the line's {@code message}
 *   <li>the subject of the failure: {@code key} (+ {@code bucket}) in the S3 functions, {@code triggeredBy} (the
 *       manifest keys) in the ETL, {@code batchId} if present, {@code messageId} for an SQS message
 *   <li>{@code timestamp}, {@code function_request_id}
 * </ul>
 *
 * <p>Lambda's own plain-text "Task timed out" line becomes an error of type {@code Timeout}. Anything else that
 * is not an ERROR line is ignored.
 */
public record ErrorLine(
        String function,
        String errorType,
        String subject,
        Optional<String> batchId,
        String errorMessage,
        String description,
        Instant time,
        String requestId) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LAMBDA_LOG_GROUP = Pattern.compile("/aws/lambda/(.+)");
    private static final Pattern BATCH_MANIFEST = Pattern.compile("_batches/([^/]+)\\.json$");
    private static final Pattern TIMEOUT = Pattern.compile("Task timed out after [0-9.]+ seconds");
    private static final String NONE = "-";

    /** The de-duplication identity: one mail per function, error type and key per window. */
    public String fingerprint() {
        return function + "|" + errorType + "|" + subject;
    }

    public static Optional<ErrorLine> parse(LogBatch batch, LogBatch.Event event) {
        String line = event.message().strip();
        String fallbackFunction = functionOf(batch.logGroup());
        if (!line.startsWith("{")) {
            Matcher timeout = TIMEOUT.matcher(line);
            if (timeout.find()) {
                return Optional.of(new ErrorLine(
                        fallbackFunction,
                        "Timeout",
                        NONE,
                        Optional.empty(),
                        timeout.group(),
                        "the invocation timed out",
                        event.timestamp(),
                        NONE));
            }
            return Optional.empty();
        }
        JsonNode json;
        try {
            json = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (!"ERROR".equalsIgnoreCase(json.path("level").asText())) {
            return Optional.empty();
        }
        String description = text(json, "message").orElse("");
        Optional<String> batchId = text(json, "batchId").or(() -> batchFromManifests(json.path("triggeredBy")));
        return Optional.of(new ErrorLine(
                text(json, "function_name").orElse(fallbackFunction),
                text(json, "reason").or(() -> text(json.path("error"), "name")).orElse("ERROR"),
                subject(json).or(() -> batchId).orElse(NONE),
                batchId,
                text(json, "errorMessage")
                        .or(() -> text(json.path("error"), "message"))
                        .orElse(description),
                description,
                text(json, "timestamp").flatMap(ErrorLine::instant).orElse(event.timestamp()),
                text(json, "function_request_id").orElse(NONE)));
    }

    private static Optional<String> subject(JsonNode json) {
        Optional<String> key = text(json, "key");
        if (key.isPresent()) {
            return text(json, "bucket").map(b -> "s3://" + b + "/" + key.get()).or(() -> key);
        }
        JsonNode triggers = json.path("triggeredBy");
        if (triggers.isArray() && !triggers.isEmpty()) {
            List<String> keys = new ArrayList<>();
            triggers.forEach(k -> keys.add(k.asText()));
            return Optional.of(String.join(", ", keys));
        }
        return text(json, "messageId").map(id -> "SQS message " + id);
    }

    private static Optional<String> batchFromManifests(JsonNode triggers) {
        if (!triggers.isArray()) {
            return Optional.empty();
        }
        for (JsonNode key : triggers) {
            Matcher m = BATCH_MANIFEST.matcher(key.asText());
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    private static String functionOf(String logGroup) {
        Matcher m = LAMBDA_LOG_GROUP.matcher(logGroup == null ? "" : logGroup);
        return m.matches() ? m.group(1) : (logGroup == null || logGroup.isBlank() ? "unknown" : logGroup);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        String text = value.isValueNode() ? value.asText() : value.toString();
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
