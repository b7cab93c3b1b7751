package dev.sluice.lambda.metadata;

import dev.sluice.lambda.config.ConfigSource;
import dev.sluice.lambda.runtime.ObjectPipeline;
import dev.sluice.lambda.runtime.PowertoolsPipelineMetrics;
import dev.sluice.lambda.s3.S3Clients;
import software.amazon.awssdk.services.s3.S3Client;

/** The deployed function's process-wide state, built once in the init phase (SnapStart snapshots it). */
final class MetadataRuntime {

    static final MetadataConfig CONFIG = MetadataConfig.from(ConfigSource.environment());
    static final S3Client S3 = S3Clients.fromConfig(ConfigSource.environment());
    static final ObjectPipeline PIPELINE = MetadataFunction.pipeline(S3, CONFIG, new PowertoolsPipelineMetrics());

    private MetadataRuntime() {
    }
}
