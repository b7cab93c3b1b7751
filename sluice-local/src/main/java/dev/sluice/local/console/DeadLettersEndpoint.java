package dev.sluice.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/dead-letters}: the events whose retries all failed, with their object and error;
 * {@code POST /api/dead-letters/redeliver?id=ID}: sends one to its function again (fresh retries).
 */
public final class DeadLettersEndpoint {

    private final DeadLetterQueue queue;

    public DeadLettersEndpoint(DeadLetterQueue queue) {
        this.queue = queue;
    }

    public Endpoint list() {
        return request -> {
            request.allow(Set.of());
            List<Map<String, Object>> rows = queue.list().stream()
                    .map(d -> {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("id", d.id());
                        row.put("function", d.route());
                        row.put("attempts", d.attempts());
                        row.put("error", d.error());
                        row.putAll(object(d.eventJson()));
                        return row;
                    })
                    .toList();
            return Response.json(Map.of("deadLetters", rows));
        };
    }

    public Endpoint redeliver() {
        return request -> {
            String id = request.allow(Set.of("id")).required("id");
            boolean sent;
            try {
                sent = queue.redeliver(id);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException(e.getMessage());
            }
            if (!sent) {
                throw new NotFoundException("no dead letter '" + id + "' (already redelivered?)");
            }
            return Response.json(Map.of("redelivered", id));
        };
    }

    /** The bucket and key the event names (the S3 event's first record), for the table. */
    private static Map<String, Object> object(String eventJson) {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            JsonNode s3 =
                    Response.JSON.readTree(eventJson).path("Records").path(0).path("s3");
            out.put("bucket", s3.path("bucket").path("name").asText());
            out.put(
                    "key",
                    java.net.URLDecoder.decode(
                            s3.path("object").path("key").asText(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            out.put("bucket", "");
            out.put("key", "(unreadable event: " + e.getMessage() + ")");
        }
        return out;
    }
}
