package dev.sluice.lambda.metadata;

import dev.sluice.aws.config.ConfigSource;
import dev.sluice.aws.config.ConfigurationException;
import dev.sluice.aws.config.Settings;
import java.util.Optional;

/**
 * The file-metadata function's configuration, validated once at start-up.
 *
 * @param metadataBucket {@code METADATA_BUCKET} (required): receives {@code <key>.json} per object
 * @param sourceBucket   {@code SOURCE_BUCKET}, optional: only used to refuse a configuration that loops
 */
public record MetadataConfig(String metadataBucket, Optional<String> sourceBucket) {

    public static final String METADATA_BUCKET = "METADATA_BUCKET";
    public static final String SOURCE_BUCKET = "SOURCE_BUCKET";

    public MetadataConfig {
        if (sourceBucket.isPresent() && sourceBucket.get().equals(metadataBucket)) {
            throw new ConfigurationException("loop guard: " + METADATA_BUCKET + " and " + SOURCE_BUCKET + " are both '"
                    + metadataBucket + "'; every summary would trigger the function again: use another bucket");
        }
    }

    public static MetadataConfig from(ConfigSource source) {
        Settings env = new Settings(source);
        return new MetadataConfig(
                env.required(METADATA_BUCKET, "the bucket that receives the JSON summaries"),
                env.optional(SOURCE_BUCKET));
    }

    public String summaryKey(String sourceKey) {
        return sourceKey + ".json";
    }
}
