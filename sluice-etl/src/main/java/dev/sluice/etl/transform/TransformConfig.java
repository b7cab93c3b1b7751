package dev.sluice.etl.transform;

import dev.sluice.aws.config.Settings;

/**
 * Where the transform reads and writes.
 *
 * @param ingestionBucket the extract's bucket (read only)
 * @param ingestionPrefix the extract's prefix (default {@code ingestion})
 * @param processedBucket where Parquet, snapshots, manifests and state go
 * @param processedPrefix default {@code processed}
 */
public record TransformConfig(
        String ingestionBucket, String ingestionPrefix, String processedBucket, String processedPrefix) {

    public static final String DEFAULT_INGESTION_PREFIX = "ingestion";
    public static final String DEFAULT_PROCESSED_PREFIX = "processed";

    public TransformConfig {
        require(ingestionBucket, "INGESTION_BUCKET");
        require(processedBucket, "PROCESSED_BUCKET");
        require(ingestionPrefix, "INGESTION_PREFIX");
        require(processedPrefix, "PROCESSED_PREFIX");
    }

    public static TransformConfig of(String ingestionBucket, String processedBucket) {
        return new TransformConfig(
                ingestionBucket, DEFAULT_INGESTION_PREFIX, processedBucket, DEFAULT_PROCESSED_PREFIX);
    }

    /**
     * {@code INGESTION_BUCKET}, {@code PROCESSED_BUCKET}, optional {@code INGESTION_PREFIX}, {@code PROCESSED_PREFIX}:
     * read as every Sluice function reads settings.
     */
    public static TransformConfig from(Settings settings) {
        return new TransformConfig(
                settings.required("INGESTION_BUCKET", "the ingestion bucket's name"),
                settings.string("INGESTION_PREFIX", DEFAULT_INGESTION_PREFIX),
                settings.required("PROCESSED_BUCKET", "the processed (Parquet) bucket's name"),
                settings.string("PROCESSED_PREFIX", DEFAULT_PROCESSED_PREFIX));
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("environment variable " + name + " is not set");
        }
    }
}
