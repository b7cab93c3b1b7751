package dev.sluice.aws.s3;

import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns S3 event notifications into {@link S3ObjectRef}s: every record, keys URL-decoded. Accepts the typed
 * {@code S3Event} Lambda gives an S3-triggered function and the JSON body of an SQS message S3 sent to a queue.
 */
public final class S3EventRecords {

    /** S3 sends this once when a notification configuration is saved; it names no object. */
    public static final String TEST_EVENT = "s3:TestEvent";

    private static final ObjectMapper JSON = new ObjectMapper();

    private S3EventRecords() {}

    public static List<S3ObjectRef> from(S3EventNotification event) {
        List<S3ObjectRef> refs = new ArrayList<>();
        if (event == null || event.getRecords() == null) {
            return refs;
        }
        for (var record : event.getRecords()) {
            var s3 = record.getS3();
            if (s3 == null || s3.getObject() == null || s3.getBucket() == null) {
                throw new MalformedEventException("record without s3.bucket/s3.object: " + record.getEventName());
            }
            var object = s3.getObject();
            Long size = object.getSizeAsLong();
            refs.add(new S3ObjectRef(
                    s3.getBucket().getName(),
                    decodeKey(object.getKey()),
                    object.getVersionId(),
                    object.geteTag(),
                    size == null ? -1 : size,
                    record.getEventName()));
        }
        return refs;
    }

    /**
     * Parses an SQS message body written by S3. Returns an empty list for {@code s3:TestEvent}; throws
     * {@link MalformedEventException} when the body is not an S3 notification.
     */
    public static List<S3ObjectRef> fromJson(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (Exception e) {
            throw new MalformedEventException("message body is not JSON: " + abbreviate(body), e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("message body is not a JSON object: " + abbreviate(body));
        }
        if (TEST_EVENT.equals(root.path("Event").asText())) {
            return List.of();
        }
        JsonNode records = root.get("Records");
        if (records == null || !records.isArray()) {
            throw new MalformedEventException("message body has no Records array: " + abbreviate(body));
        }
        List<S3ObjectRef> refs = new ArrayList<>();
        for (JsonNode record : records) {
            JsonNode bucket = record.path("s3").path("bucket").path("name");
            JsonNode object = record.path("s3").path("object");
            if (!bucket.isTextual() || !object.path("key").isTextual()) {
                throw new MalformedEventException("record without s3.bucket.name/s3.object.key: " + abbreviate(body));
            }
            refs.add(new S3ObjectRef(
                    bucket.asText(),
                    decodeKey(object.path("key").asText()),
                    textOrNull(object.get("versionId")),
                    textOrNull(object.get("eTag")),
                    object.path("size").asLong(-1),
                    textOrNull(record.get("eventName"))));
        }
        return refs;
    }

    /** S3 form-encodes keys in notifications: "+" is a space and "%2B" a plus (moto also writes "/" as "%2F"). */
    public static String decodeKey(String rawKey) {
        try {
            return URLDecoder.decode(rawKey, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("object key is not URL-encoded correctly: " + rawKey, e);
        }
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "null";
        }
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }

    /** The event itself cannot be understood (no retry will change that). */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }

        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
