package dev.sluice.lambda.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.lambda.s3.S3ObjectRef;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Writes {@code <prefix><source key>.json} (default prefix {@code _errors/}) to a bucket: reason, message, line and the
 * source object's identity. The report holds no timestamp, so a re-run writes the same bytes (the logs have the time).
 */
public final class S3ErrorReports implements ErrorReports {

    public static final String DEFAULT_PREFIX = "_errors/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public S3ErrorReports(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    public String keyFor(S3ObjectRef object) {
        return prefix + object.key() + ".json";
    }

    @Override
    public String write(S3ObjectRef object, PermanentFailure failure) {
        String key = keyFor(object);
        s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType("application/json").build(),
                RequestBody.fromString(toJson(object, failure)));
        return "s3://" + bucket + "/" + key;
    }

    static String toJson(S3ObjectRef object, PermanentFailure failure) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("sourceBucket", object.bucket());
        report.put("sourceKey", object.key());
        report.put("sourceVersionId", object.versionId());
        report.put("sourceETag", object.eTag());
        report.put("reason", failure.reason());
        report.put("message", failure.getMessage());
        report.put("line", failure.line());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an error report", e);
        }
    }
}
