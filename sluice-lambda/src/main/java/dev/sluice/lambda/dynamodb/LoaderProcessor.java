package dev.sluice.lambda.dynamodb;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import dev.sluice.aws.failure.PermanentFailure;
import dev.sluice.aws.failure.TransientFailure;
import dev.sluice.aws.s3.S3ObjectRef;
import dev.sluice.aws.s3.S3ObjectSource;
import dev.sluice.core.csv.CsvException;
import dev.sluice.core.csv.CsvReader;
import dev.sluice.core.csv.CsvRecord;
import dev.sluice.core.csv.RecordTooLongException;
import dev.sluice.core.csv.UnsupportedEncodingCsvException;
import dev.sluice.core.mapping.InvalidHeaderException;
import dev.sluice.core.mapping.MappedRow;
import dev.sluice.core.mapping.RowMapper;
import dev.sluice.lambda.runtime.ObjectProcessor;
import dev.sluice.lambda.runtime.ObjectResult;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Loads one CSV into the table, streaming: the header is checked before any write (a missing key column rejects the
 * whole file), each row becomes an item or a reject, items go through an {@link ItemWriter}, rejects to
 * {@code dynamodb/<key>.rejects.csv}. Counts: RowsIn, RowsLoaded, RowsRejected, WriteRetries.
 */
public final class LoaderProcessor implements ObjectProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(LoaderProcessor.class);

    private final S3Client s3;
    private final S3ObjectSource source;
    private final DynamoDbClient dynamoDb;
    private final LoaderConfig config;
    private final Backoff backoff;

    public LoaderProcessor(S3Client s3, DynamoDbClient dynamoDb, LoaderConfig config, Backoff backoff) {
        this.s3 = s3;
        this.source = new S3ObjectSource(s3);
        this.dynamoDb = dynamoDb;
        this.config = config;
        this.backoff = backoff;
    }

    @Override
    public ObjectResult process(S3ObjectRef object) throws IOException {
        try (S3ObjectSource.SourceObject in = source.open(object)) {
            CsvReader reader = CsvReader.of(in.body(), config.maxRecordBytes());
            RowMapper mapper = mapperFor(object, reader);
            RejectsFile rejects =
                    new RejectsFile(s3, config.rejectsBucket(), ReportKeys.rejects(object.key()), mapper.header());
            try {
                Counts counts = load(object, reader, mapper, rejects);
                rejects.publish();
                return result(object, counts, rejects);
            } catch (RuntimeException | IOException e) {
                rejects.abort();
                throw e;
            }
        }
    }

    private RowMapper mapperFor(S3ObjectRef object, CsvReader reader) throws IOException {
        CsvRecord header = readCsv(object, reader);
        if (header == null) {
            throw new PermanentFailure("NO_HEADER", object.uri() + ": the file is empty, so it has no header", null);
        }
        try {
            return RowMapper.forHeader(header.fields(), config.keys(), config.inference());
        } catch (InvalidHeaderException e) {
            throw new PermanentFailure(
                    e.problem().name(),
                    object.uri() + ": " + e.getMessage() + "; nothing was written to " + config.tableName(),
                    header.line(),
                    e);
        }
    }

    private record Counts(long rows, long loaded, long retries) {}

    private Counts load(S3ObjectRef object, CsvReader reader, RowMapper mapper, RejectsFile rejects)
            throws IOException {
        long rows = 0;
        long loaded = 0;
        try (ItemWriter writer = writer()) {
            for (CsvRecord record = readCsv(object, reader); record != null; record = readCsv(object, reader)) {
                rows++;
                switch (mapper.map(record.fields())) {
                    case MappedRow.Item item -> {
                        writer.add(item);
                        loaded++;
                    }
                    case MappedRow.Rejected rejected -> rejects.add(record.line(), rejected);
                }
            }
            writer.finish();
            return new Counts(rows, loaded, writer.retries());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailure("WRITE_INTERRUPTED", "loading " + object.uri() + " was interrupted", e);
        } catch (DynamoDbException e) {
            throw classify(object, e);
        }
    }

    private ItemWriter writer() {
        return switch (config.writeMode()) {
            case PUT -> new BatchPutWriter(dynamoDb, config.tableName(), config.keys(), config.concurrency(), backoff);
            case MERGE -> new MergeWriter(dynamoDb, config.tableName(), config.keys(), config.concurrency(), backoff);
        };
    }

    private static CsvRecord readCsv(S3ObjectRef object, CsvReader reader) throws IOException {
        try {
            return reader.next();
        } catch (CsvException e) {
            throw new PermanentFailure(
                    e instanceof UnsupportedEncodingCsvException
                            ? "UNSUPPORTED_ENCODING"
                            : e instanceof RecordTooLongException ? "RECORD_TOO_LONG" : "MALFORMED_CSV",
                    object.uri() + ": " + e.getMessage()
                            + (e instanceof RecordTooLongException
                                    ? " (raise " + LoaderConfig.MAX_RECORD_SIZE + " if the row is real)"
                                    : "")
                            + "; rows before it may have been loaded",
                    e.line(),
                    e);
        }
    }

    /** A request DynamoDB refuses as invalid will be refused again: park the file; anything else is retried. */
    private RuntimeException classify(S3ObjectRef object, DynamoDbException e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        if ("ValidationException".equals(code)) {
            return new PermanentFailure(
                    "ITEM_REJECTED_BY_DYNAMODB",
                    object.uri() + ": " + config.tableName()
                            + " refused a write (" + e.awsErrorDetails().errorMessage()
                            + "); check the key columns' types"
                            + " in the table definition; rows before it may have been loaded",
                    e);
        }
        return e;
    }

    private ObjectResult result(S3ObjectRef object, Counts counts, RejectsFile rejects) {
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("RowsIn", counts.rows());
        values.put("RowsLoaded", counts.loaded());
        values.put("RowsRejected", rejects.count());
        values.put("WriteRetries", counts.retries());
        if (rejects.count() > 0) {
            LOG.error(
                    "rows rejected: see the rejects file",
                    entry("bucket", object.bucket()),
                    entry("key", object.key()),
                    entry("reason", "ROWS_REJECTED"),
                    entry("rowsRejected", rejects.count()),
                    entry("rejects", rejects.uri()));
        }
        return new ObjectResult(
                "dynamodb:" + config.tableName() + " ("
                        + config.writeMode().name().toLowerCase(java.util.Locale.ROOT) + ")",
                values,
                Map.of());
    }
}
