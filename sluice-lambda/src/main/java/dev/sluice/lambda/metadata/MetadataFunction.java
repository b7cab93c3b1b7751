package dev.sluice.lambda.metadata;

import dev.sluice.lambda.runtime.KeyPolicy;
import dev.sluice.lambda.runtime.ObjectPipeline;
import dev.sluice.lambda.runtime.PipelineMetrics;
import dev.sluice.lambda.runtime.S3ErrorReports;
import software.amazon.awssdk.services.s3.S3Client;

/** Wires the metadata processor into the shared pipeline: every key, never the metadata bucket itself. */
public final class MetadataFunction {

    private MetadataFunction() {}

    public static ObjectPipeline pipeline(S3Client s3, MetadataConfig config, PipelineMetrics metrics) {
        KeyPolicy keys =
                new KeyPolicy(java.util.List.of(), java.util.List.of()).withOwnOutput(config.metadataBucket(), "");
        return new ObjectPipeline(
                new FileMetadataProcessor(s3, config),
                keys,
                new S3ErrorReports(s3, config.metadataBucket(), S3ErrorReports.DEFAULT_PREFIX),
                metrics);
    }
}
