package dev.sluice.lambda.metadata;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.aws.failure.ObjectSkipped;
import dev.sluice.aws.failure.PermanentFailure;
import dev.sluice.aws.failure.SkipReason;
import dev.sluice.aws.failure.TransientFailure;
import dev.sluice.aws.s3.S3ObjectRef;
import dev.sluice.aws.s3.S3ObjectSource;
import dev.sluice.core.csv.CsvException;
import dev.sluice.core.profile.CsvProfile;
import dev.sluice.core.profile.CsvProfiler;
import dev.sluice.lambda.runtime.ObjectProcessor;
import dev.sluice.lambda.runtime.ObjectResult;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Summarises one object: HEAD for its metadata (content type, size in bytes, last modified in ISO-8601 UTC, ETag,
 * version id, user metadata) and, for a CSV ({@code .csv} key or {@code text/csv} type), a streaming
 * {@link CsvProfile}. The summary goes to {@code <METADATA_BUCKET>/<key>.json} and into the log. A CSV that cannot be
 * profiled still gets its summary, with {@code csvProfileError} (counted as ProfileErrors). The JSON holds no
 * processing time, so a re-run writes the same bytes.
 */
public final class FileMetadataProcessor implements ObjectProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(FileMetadataProcessor.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final S3Client s3;
    private final S3ObjectSource source;
    private final MetadataConfig config;

    public FileMetadataProcessor(S3Client s3, MetadataConfig config) {
        this.s3 = s3;
        this.source = new S3ObjectSource(s3);
        this.config = config;
    }

    @Override
    public ObjectResult process(S3ObjectRef object) throws IOException {
        HeadObjectResponse head = head(object);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("bucket", object.bucket());
        summary.put("key", object.key());
        summary.put("versionId", head.versionId());
        summary.put("contentType", head.contentType());
        summary.put("sizeBytes", head.contentLength());
        summary.put(
                "lastModified",
                head.lastModified() == null ? null : DateTimeFormatter.ISO_INSTANT.format(head.lastModified()));
        summary.put("eTag", unquote(head.eTag()));
        summary.put("userMetadata", new TreeMap<>(head.metadata()));
        long profileErrors = 0;
        long rows = 0;
        if (isCsv(object, head)) {
            try {
                CsvProfile profile = profile(object);
                summary.put("csvProfile", profile);
                rows = profile.rowCount();
            } catch (CsvException e) {
                summary.put("csvProfileError", Map.of("message", e.getMessage(), "line", e.line()));
                profileErrors = 1;
                LOG.warn(
                        "the CSV could not be profiled; its summary has csvProfileError",
                        entry("bucket", object.bucket()),
                        entry("key", object.key()),
                        entry("errorMessage", e.getMessage()));
            }
        }
        String key = config.summaryKey(object.key());
        String json = toJson(summary);
        write(key, json);
        LOG.info(
                "file metadata",
                entry("bucket", object.bucket()),
                entry("key", object.key()),
                entry("summary", summary));
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("CsvRows", rows);
        counts.put("ProfileErrors", profileErrors);
        return new ObjectResult(
                "s3://" + config.metadataBucket() + "/" + key, counts, Map.of("BytesIn", head.contentLength()));
    }

    private HeadObjectResponse head(S3ObjectRef object) {
        HeadObjectRequest.Builder request =
                HeadObjectRequest.builder().bucket(object.bucket()).key(object.key());
        object.version().ifPresent(request::versionId);
        HeadObjectResponse head;
        try {
            head = s3.headObject(request.build());
        } catch (S3Exception e) {
            throw switch (e.statusCode()) {
                case 404 ->
                    new PermanentFailure(
                            "OBJECT_GONE",
                            object.uri() + " does not exist (deleted after the" + " event, or the bucket is gone)",
                            e);
                case 403 -> new PermanentFailure("SOURCE_ACCESS_DENIED", "access denied reading " + object.uri(), e);
                default ->
                    new TransientFailure(
                            "SOURCE_READ_FAILED", "HEAD " + object.uri() + " failed: HTTP " + e.statusCode(), e);
            };
        }
        if (object.versionId() == null
                && object.eTag() != null
                && !object.eTag().equals(unquote(head.eTag()))) {
            throw new ObjectSkipped(
                    SkipReason.SUPERSEDED,
                    object.uri() + " changed after the event (ETag " + object.eTag() + " is now " + unquote(head.eTag())
                            + "); its newer version has its own event");
        }
        return head;
    }

    private CsvProfile profile(S3ObjectRef object) throws IOException {
        try (S3ObjectSource.SourceObject in = source.open(object)) {
            return CsvProfiler.profile(in.body());
        }
    }

    private void write(String key, String json) {
        try {
            s3.putObject(
                    PutObjectRequest.builder()
                            .bucket(config.metadataBucket())
                            .key(key)
                            .contentType("application/json")
                            .build(),
                    RequestBody.fromString(json));
        } catch (S3Exception e) {
            throw new TransientFailure(
                    "DESTINATION_WRITE_FAILED",
                    "writing s3://" + config.metadataBucket() + "/" + key + " failed: " + e.getMessage(),
                    e);
        }
    }

    static boolean isCsv(S3ObjectRef object, HeadObjectResponse head) {
        String type = head.contentType() == null ? "" : head.contentType().toLowerCase(Locale.ROOT);
        return object.key().toLowerCase(Locale.ROOT).endsWith(".csv") || type.startsWith("text/csv");
    }

    static String toJson(Map<String, Object> summary) {
        try {
            return JSON.writeValueAsString(summary) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a metadata summary", e);
        }
    }

    private static String unquote(String tag) {
        return tag != null && tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")
                ? tag.substring(1, tag.length() - 1)
                : tag;
    }
}
