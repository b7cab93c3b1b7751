package dev.sluice.lambda.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.aws.failure.PermanentFailure;
import dev.sluice.aws.s3.S3ObjectRef;
import dev.sluice.aws.s3.S3Objects;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Writes one JSON report per failed object to a bucket: the source object's identity, any fixed context of the
 * function (e.g. the loader's table), then reason, message and line. The key is {@code <prefix><source key>.json}
 * (default prefix {@code _errors/}) unless the function gives its own layout. The report holds no timestamp, so a
 * re-run writes the same bytes (the logs have the time). After a successful run of the same key, {@link #clear}
 * deletes it.
 */
public final class S3ErrorReports implements ErrorReports {

    public static final String DEFAULT_PREFIX = "_errors/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Client s3;
    private final String bucket;
    private final UnaryOperator<String> reportKey;
    private final Map<String, Object> context;

    public S3ErrorReports(S3Client s3, String bucket, String prefix) {
        this(s3, bucket, sourceKey -> prefix + sourceKey + ".json", Map.of());
    }

    /**
     * @param reportKey maps the source object's key to the report's key
     * @param context   fields written after the source identity in every report, in iteration order
     */
    public S3ErrorReports(S3Client s3, String bucket, UnaryOperator<String> reportKey, Map<String, Object> context) {
        this.s3 = s3;
        this.bucket = bucket;
        this.reportKey = reportKey;
        this.context = context;
    }

    @Override
    public String write(S3ObjectRef object, PermanentFailure failure) {
        String key = reportKey.apply(object.key());
        s3.putObject(
                PutObjectRequest.builder()
                        .bucket(bucket)
                        .key(key)
                        .contentType("application/json")
                        .build(),
                RequestBody.fromString(toJson(object, failure)));
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public void clear(S3ObjectRef object) {
        S3Objects.deleteIfPresent(s3, bucket, reportKey.apply(object.key()));
    }

    private String toJson(S3ObjectRef object, PermanentFailure failure) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("sourceBucket", object.bucket());
        report.put("sourceKey", object.key());
        report.put("sourceVersionId", object.versionId());
        report.put("sourceETag", object.eTag());
        report.putAll(context);
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
