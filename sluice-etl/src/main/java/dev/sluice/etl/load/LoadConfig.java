package dev.sluice.etl.load;

import dev.sluice.aws.config.Settings;
import dev.sluice.etl.transform.TransformConfig;

/**
 * @param processedBucket the transform's bucket (read only)
 * @param processedPrefix default {@code processed}
 * @param insertBatchSize rows per JDBC batch of bound INSERTs
 */
public record LoadConfig(String processedBucket, String processedPrefix, int insertBatchSize) {

    public static final int DEFAULT_INSERT_BATCH_SIZE = 1_000;

    public LoadConfig {
        if (processedBucket == null || processedBucket.isBlank()) {
            throw new IllegalArgumentException("environment variable PROCESSED_BUCKET is not set");
        }
        if (insertBatchSize < 1) {
            throw new IllegalArgumentException("insert batch size must be positive, got " + insertBatchSize);
        }
    }

    public static LoadConfig of(String processedBucket) {
        return new LoadConfig(processedBucket, TransformConfig.DEFAULT_PROCESSED_PREFIX, DEFAULT_INSERT_BATCH_SIZE);
    }

    /** {@code PROCESSED_BUCKET}, optional {@code PROCESSED_PREFIX}: read as every Sluice function reads settings. */
    public static LoadConfig from(Settings settings) {
        return new LoadConfig(
                settings.required("PROCESSED_BUCKET", "the processed (Parquet) bucket's name"),
                settings.string("PROCESSED_PREFIX", TransformConfig.DEFAULT_PROCESSED_PREFIX),
                DEFAULT_INSERT_BATCH_SIZE);
    }
}
