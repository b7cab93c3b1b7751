package dev.sluice.lambda.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.lambda.runtime.ErrorReports;
import dev.sluice.lambda.runtime.PermanentFailure;
import dev.sluice.lambda.s3.S3ObjectRef;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Parks a file the loader rejected as {@code dynamodb/<key>.error.json} in the errors bucket. Same fields as the
 * filter's reports, plus the table; no timestamp, so a re-run writes the same bytes.
 */
final class LoaderErrorReports implements ErrorReports {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Client s3;
    private final String bucket;
    private final String table;

    LoaderErrorReports(S3Client s3, String bucket, String table) {
        this.s3 = s3;
        this.bucket = bucket;
        this.table = table;
    }

    @Override
    public String write(S3ObjectRef object, PermanentFailure failure) {
        String key = ReportKeys.error(object.key());
        s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType("application/json").build(),
                RequestBody.fromString(toJson(object, failure)));
        return "s3://" + bucket + "/" + key;
    }

    private String toJson(S3ObjectRef object, PermanentFailure failure) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("sourceBucket", object.bucket());
        report.put("sourceKey", object.key());
        report.put("sourceVersionId", object.versionId());
        report.put("sourceETag", object.eTag());
        report.put("table", table);
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
