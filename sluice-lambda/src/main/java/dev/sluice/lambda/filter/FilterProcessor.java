package dev.sluice.lambda.filter;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import dev.sluice.aws.failure.PermanentFailure;
import dev.sluice.aws.failure.ProcessingFailure;
import dev.sluice.aws.failure.TransientFailure;
import dev.sluice.aws.s3.LatestVersionGuard;
import dev.sluice.aws.s3.S3MultipartOutputStream;
import dev.sluice.aws.s3.S3ObjectRef;
import dev.sluice.aws.s3.S3ObjectSource;
import dev.sluice.core.csv.CsvException;
import dev.sluice.core.csv.CsvFilter;
import dev.sluice.core.csv.FilterSummary;
import dev.sluice.core.csv.MalformedCsvException;
import dev.sluice.core.csv.NoHeaderException;
import dev.sluice.core.csv.RaggedRowException;
import dev.sluice.core.csv.RecordTooLongException;
import dev.sluice.core.csv.UnknownColumnException;
import dev.sluice.core.csv.UnsupportedEncodingCsvException;
import dev.sluice.lambda.runtime.ObjectProcessor;
import dev.sluice.lambda.runtime.ObjectResult;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Streams one source CSV through the filter into {@code DESTINATION_BUCKET/OUTPUT_PREFIX<key>}. The output carries the
 * source identity, the rule and the row counts as metadata and has no time-dependent content, so re-processing the
 * same event rewrites an identical object.
 */
public final class FilterProcessor implements ObjectProcessor {

    public static final String CONTENT_TYPE = "text/csv; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(FilterProcessor.class);
    /** Output metadata names (sent as x-amz-meta-*). Keys are URL-encoded there: S3 metadata is US-ASCII. */
    public static final String META_SOURCE_BUCKET = "sluice-source-bucket";

    public static final String META_SOURCE_KEY = "sluice-source-key";
    public static final String META_SOURCE_VERSION = "sluice-source-version-id";
    public static final String META_SOURCE_ETAG = "sluice-source-etag";
    public static final String META_RULE = "sluice-filter-rule";
    public static final String META_ROWS_IN = "sluice-rows-in";
    public static final String META_ROWS_KEPT = "sluice-rows-kept";

    /** S3's answer to a conditional write whose condition no longer holds. */
    private static final int PRECONDITION_FAILED = 412;

    private final S3Client s3;
    private final S3ObjectSource source;
    private final LatestVersionGuard latest;
    private final FilterConfig config;
    private final CsvFilter filter;
    private final int partSize;

    public FilterProcessor(S3Client s3, FilterConfig config, int partSize) {
        this.s3 = s3;
        this.source = new S3ObjectSource(s3);
        this.latest = new LatestVersionGuard(s3);
        this.config = config;
        this.filter = CsvFilter.of(config.rule()).withMaxRecordBytes(config.maxRecordBytes());
        this.partSize = partSize;
    }

    public FilterProcessor(S3Client s3, FilterConfig config) {
        this(s3, config, S3MultipartOutputStream.MIN_PART_SIZE);
    }

    @Override
    public ObjectResult process(S3ObjectRef object) throws IOException {
        String outputKey = config.outputKey(object.key());
        try (S3ObjectSource.SourceObject in = source.open(object)) {
            var out = new S3MultipartOutputStream(s3, outputRequest(object, outputKey), partSize);
            FilterSummary summary = filterInto(object, in, out);
            if (!summary.duplicateColumns().isEmpty()) {
                LOG.warn(
                        "the header has duplicate column names; a name in FILTER_COLUMNS selects every column with it",
                        entry("object", object.uri()),
                        entry("duplicateColumns", summary.duplicateColumns()));
            }
            out.putMetadataOnClose(META_ROWS_IN, Long.toString(summary.rowsRead()));
            out.putMetadataOnClose(META_ROWS_KEPT, Long.toString(summary.rowsKept()));
            commitIfLatest(object, out, outputKey);
            if (!out.lateMetadataApplied()) {
                LOG.warn(
                        "output larger than 5 GiB: row counts are not in its metadata (CopyObject limit)",
                        entry("output", "s3://" + config.destinationBucket() + "/" + outputKey),
                        entry("bytes", out.size()),
                        entry("RowsIn", summary.rowsRead()),
                        entry("RowsKept", summary.rowsKept()));
            }
            return result(outputKey, summary);
        }
    }

    private FilterSummary filterInto(S3ObjectRef object, S3ObjectSource.SourceObject in, S3MultipartOutputStream out) {
        try {
            return filter.filter(in.body(), out);
        } catch (CsvException e) {
            out.abort();
            throw new PermanentFailure(reasonFor(e), object.uri() + ": " + e.getMessage() + hint(e), e.line(), e);
        } catch (ProcessingFailure e) { // already typed, e.g. the source stream was lost
            abortQuietly(out, e);
            throw e;
        } catch (IOException | SdkException e) { // the source side is typed, so this is the destination write
            abortQuietly(out, e);
            throw new TransientFailure(
                    "DESTINATION_WRITE_FAILED",
                    "writing s3://" + config.destinationBucket() + "/" + config.outputKey(object.key()) + " failed: "
                            + e.getMessage(),
                    e);
        } catch (RuntimeException e) {
            abortQuietly(out, e);
            throw e;
        }
    }

    /**
     * Commits the output only while the source is still the version this run read, as a compare-and-swap on the
     * output (see {@link LatestVersionGuard}): an older, slower run never replaces a newer version's output.
     */
    private void commitIfLatest(S3ObjectRef object, S3MultipartOutputStream out, String outputKey) {
        try {
            out.commitOnlyIfCurrent(latest.beforeCommit(object, config.destinationBucket(), outputKey));
        } catch (RuntimeException e) {
            abortQuietly(out, e);
            throw e;
        }
        try {
            out.close();
        } catch (S3Exception e) {
            if (e.statusCode() != PRECONDITION_FAILED) {
                throw writeFailed(outputKey, e);
            }
            latest.requireLatest(object); // the conflicting run had the newer version: skipped as superseded
            if (!outputIsFrom(object, outputKey)) {
                throw latest.onCommitConflict(object, "s3://" + config.destinationBucket() + "/" + outputKey, e);
            }
            // Else the same version's output is in place (an SDK retry of our own write, or a duplicate delivery
            // that ran alongside): the content is identical, so this run's work is done.
        } catch (IOException | SdkException e) {
            throw writeFailed(outputKey, e);
        }
    }

    private boolean outputIsFrom(S3ObjectRef object, String outputKey) {
        try {
            Map<String, String> meta = s3.headObject(
                            b -> b.bucket(config.destinationBucket()).key(outputKey))
                    .metadata();
            return object.bucket().equals(meta.get(META_SOURCE_BUCKET))
                    && URLEncoder.encode(object.key(), StandardCharsets.UTF_8).equals(meta.get(META_SOURCE_KEY))
                    && Objects.equals(object.versionId(), meta.get(META_SOURCE_VERSION))
                    && Objects.equals(object.eTag(), meta.get(META_SOURCE_ETAG))
                    && config.rule().describe().equals(meta.get(META_RULE));
        } catch (SdkException e) {
            return false; // unknown: the conflict is retried
        }
    }

    private TransientFailure writeFailed(String outputKey, Exception e) {
        return new TransientFailure(
                "DESTINATION_WRITE_FAILED",
                "writing s3://" + config.destinationBucket() + "/" + outputKey + " failed: " + e.getMessage(),
                e);
    }

    private static void abortQuietly(S3MultipartOutputStream out, Exception failure) {
        try {
            out.abort();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private PutObjectRequest outputRequest(S3ObjectRef object, String outputKey) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(META_SOURCE_BUCKET, object.bucket());
        metadata.put(META_SOURCE_KEY, URLEncoder.encode(object.key(), StandardCharsets.UTF_8));
        object.version().ifPresent(v -> metadata.put(META_SOURCE_VERSION, v));
        object.etag().ifPresent(e -> metadata.put(META_SOURCE_ETAG, e));
        metadata.put(META_RULE, config.rule().describe());
        return PutObjectRequest.builder()
                .bucket(config.destinationBucket())
                .key(outputKey)
                .contentType(CONTENT_TYPE)
                .metadata(metadata)
                .build();
    }

    private ObjectResult result(String outputKey, FilterSummary summary) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("RowsIn", summary.rowsRead());
        counts.put("RowsKept", summary.rowsKept());
        counts.put("RaggedRows", summary.raggedRows());
        counts.put("NonNumericCells", summary.nonNumericCells());
        Map<String, Long> bytes = new LinkedHashMap<>();
        bytes.put("BytesIn", summary.bytesIn());
        bytes.put("BytesOut", summary.bytesOut());
        return new ObjectResult("s3://" + config.destinationBucket() + "/" + outputKey, counts, bytes);
    }

    /** What the operator can do about it, when the message alone does not say. */
    static String hint(CsvException e) {
        return e instanceof RecordTooLongException
                ? " (raise " + FilterConfig.MAX_RECORD_SIZE + " if the row is real)"
                : "";
    }

    static String reasonFor(CsvException e) {
        return switch (e) {
            case UnsupportedEncodingCsvException u -> "UNSUPPORTED_ENCODING";
            case RecordTooLongException r -> "RECORD_TOO_LONG";
            case MalformedCsvException m -> "MALFORMED_CSV";
            case NoHeaderException n -> "NO_HEADER";
            case RaggedRowException r -> "RAGGED_ROW";
            case UnknownColumnException u -> "UNKNOWN_COLUMN";
            default -> "INVALID_CSV";
        };
    }
}
