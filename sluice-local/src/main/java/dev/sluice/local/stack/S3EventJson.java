package dev.sluice.local.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Builds the S3 event notification JSON that AWS sends to a Lambda function (event version 2.1), one record per
 * event. The key is form-encoded as S3 does it: a space becomes "+", "+" becomes "%2B", "/" stays as is.
 */
public final class S3EventJson {

    static final String REGION = "us-east-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private S3EventJson() {}

    public static String of(ObjectCreated event, String configurationId, Instant time) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode records = root.putArray("Records");
        ObjectNode record = records.addObject();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", REGION);
        record.put("eventTime", time.toString());
        record.put("eventName", event.eventName());
        record.putObject("userIdentity").put("principalId", "AWS:SLUICELOCAL");
        record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        ObjectNode response = record.putObject("responseElements");
        response.put("x-amz-request-id", event.sequencer());
        response.put("x-amz-id-2", "sluice-local");
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", configurationId);
        ObjectNode bucket = s3.putObject("bucket");
        bucket.put("name", event.bucket());
        bucket.putObject("ownerIdentity").put("principalId", "SLUICELOCAL");
        bucket.put("arn", "arn:aws:s3:::" + event.bucket());
        ObjectNode object = s3.putObject("object");
        object.put("key", encodeKey(event.key()));
        object.put("size", event.size());
        object.put("eTag", event.eTag());
        object.put("sequencer", event.sequencer());
        return root.toString();
    }

    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }
}
