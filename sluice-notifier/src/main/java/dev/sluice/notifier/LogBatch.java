package dev.sluice.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The decoded {@code awslogs.data} of a CloudWatch Logs subscription event (base64 of gzip of JSON).
 *
 * @param messageType {@code DATA_MESSAGE}, or {@code CONTROL_MESSAGE} (sent once when the filter is created: no
 *     log events to alert on)
 */
public record LogBatch(String messageType, String logGroup, String logStream, List<Event> events) {

    /** One log event: the raw line as the function wrote it, and CloudWatch's ingestion timestamp. */
    public record Event(String id, Instant timestamp, String message) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Cap on the decompressed payload: CloudWatch sends at most ~1 MB per delivery; a larger one is not ours. */
    static final int MAX_DECODED_BYTES = 8 * 1024 * 1024;

    public LogBatch {
        events = List.copyOf(events);
    }

    public boolean isControlMessage() {
        return "CONTROL_MESSAGE".equals(messageType);
    }

    public static LogBatch decode(String awslogsData) {
        if (awslogsData == null || awslogsData.isBlank()) {
            throw new MalformedLogEventException("the event has no awslogs.data");
        }
        byte[] json;
        try (InputStream in =
                new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(awslogsData)))) {
            json = in.readNBytes(MAX_DECODED_BYTES + 1);
        } catch (IllegalArgumentException | IOException e) {
            throw new MalformedLogEventException("awslogs.data is not base64 of gzip: " + e.getMessage(), e);
        }
        if (json.length > MAX_DECODED_BYTES) {
            throw new MalformedLogEventException("awslogs.data decodes to more than " + MAX_DECODED_BYTES + " bytes");
        }
        try {
            JsonNode root = JSON.readTree(json);
            List<Event> events = new ArrayList<>();
            for (JsonNode e : root.path("logEvents")) {
                events.add(new Event(
                        e.path("id").asText(""),
                        Instant.ofEpochMilli(e.path("timestamp").asLong(0)),
                        e.path("message").asText("")));
            }
            return new LogBatch(
                    root.path("messageType").asText(""),
                    root.path("logGroup").asText(""),
                    root.path("logStream").asText(""),
                    events);
        } catch (IOException e) {
            throw new MalformedLogEventException("awslogs.data is not JSON: " + e.getMessage(), e);
        }
    }
}
