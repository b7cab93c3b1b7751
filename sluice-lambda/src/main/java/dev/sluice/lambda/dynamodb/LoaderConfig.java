package dev.sluice.lambda.dynamodb;

import dev.sluice.aws.config.ConfigSource;
import dev.sluice.aws.config.ConfigurationException;
import dev.sluice.aws.config.Settings;
import dev.sluice.core.csv.CsvLimits;
import dev.sluice.core.mapping.KeyColumns;
import dev.sluice.core.mapping.TypeInference;
import java.util.Optional;

/**
 * The loader's configuration, read and validated once at start-up.
 *
 * @param tableName     {@code TABLE_NAME} (required)
 * @param keys          {@code KEY_COLUMN} (default {@code customer_id}) and optional {@code SORT_KEY_COLUMN}
 * @param writeMode     {@code WRITE_MODE}: put (default) or merge
 * @param inference     {@code TYPE_INFERENCE}: auto (default) or strings
 * @param rejectsBucket {@code REJECTS_BUCKET} (required): rejected rows and file error reports, under {@code dynamodb/}
 * @param concurrency   {@code WRITE_CONCURRENCY}: write requests in flight (default 8, 1..64)
 * @param sourceBucket  {@code SOURCE_BUCKET}, optional: only used to refuse a rejects bucket that would re-trigger us
 */
public record LoaderConfig(
        String tableName,
        KeyColumns keys,
        WriteMode writeMode,
        TypeInference inference,
        String rejectsBucket,
        int concurrency,
        Optional<String> sourceBucket,
        int maxRecordBytes) {

    public static final String TABLE_NAME = "TABLE_NAME";
    public static final String KEY_COLUMN = "KEY_COLUMN";
    public static final String SORT_KEY_COLUMN = "SORT_KEY_COLUMN";
    public static final String WRITE_MODE = "WRITE_MODE";
    public static final String TYPE_INFERENCE = "TYPE_INFERENCE";
    public static final String REJECTS_BUCKET = "REJECTS_BUCKET";
    public static final String WRITE_CONCURRENCY = "WRITE_CONCURRENCY";
    public static final String SOURCE_BUCKET = "SOURCE_BUCKET";
    /** The longest row held in memory (16MiB): a longer one fails the file instead of the function's memory. */
    public static final String MAX_RECORD_SIZE = "MAX_RECORD_SIZE";

    public static final int DEFAULT_CONCURRENCY = 8;
    public static final int MAX_CONCURRENCY = 64;

    public LoaderConfig {
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new ConfigurationException(
                    WRITE_CONCURRENCY + " must be between 1 and " + MAX_CONCURRENCY + ", got " + concurrency);
        }
        if (sourceBucket.isPresent() && sourceBucket.get().equals(rejectsBucket)) {
            throw new ConfigurationException("loop guard: " + REJECTS_BUCKET + " and " + SOURCE_BUCKET + " are both '"
                    + rejectsBucket + "'; a rejects file (*.csv) would trigger the loader again: use an errors bucket");
        }
    }

    public static LoaderConfig from(ConfigSource source) {
        Settings env = new Settings(source);
        String table = env.required(TABLE_NAME, "the DynamoDB table that receives the rows");
        String rejects =
                env.required(REJECTS_BUCKET, "the errors bucket that receives rejected rows and error reports");
        KeyColumns keys;
        try {
            keys = new KeyColumns(env.string(KEY_COLUMN, KeyColumns.DEFAULT_HASH), env.optional(SORT_KEY_COLUMN));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(SORT_KEY_COLUMN + ": " + e.getMessage(), e);
        }
        return new LoaderConfig(
                table,
                keys,
                env.parsed(WRITE_MODE, WriteMode.PUT, "put or merge", WriteMode::parse),
                env.parsed(TYPE_INFERENCE, TypeInference.AUTO, "auto or strings", TypeInference::parse),
                rejects,
                env.integer(WRITE_CONCURRENCY, DEFAULT_CONCURRENCY),
                env.optional(SOURCE_BUCKET),
                env.parsed(
                        MAX_RECORD_SIZE,
                        CsvLimits.DEFAULT_MAX_RECORD_BYTES,
                        "a size in bytes, or with K, M or G (e.g. 16MiB)",
                        CsvLimits::parseSize));
    }
}
