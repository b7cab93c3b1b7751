package dev.sluice.local.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** What an endpoint answers: a status, a content type, the body and extra headers. */
public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance))
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    public Response {
        headers = Map.copyOf(headers);
    }

    public static Response json(int status, Object value) {
        try {
            return new Response(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(value), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot write JSON for " + value.getClass().getName(), e);
        }
    }

    public static Response json(Object value) {
        return json(200, value);
    }

    public static Response error(int status, String message) {
        return json(status, Map.of("error", message));
    }

    public static Response text(int status, String contentType, String body) {
        return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** A CSV download named {@code filename}. */
    public static Response csv(String filename, String body) {
        return new Response(
                200,
                "text/csv; charset=utf-8",
                body.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Disposition", "attachment; filename=\"" + filename + "\""));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
