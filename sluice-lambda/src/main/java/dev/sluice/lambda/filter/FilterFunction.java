package dev.sluice.lambda.filter;

import dev.sluice.lambda.runtime.KeyPolicy;
import dev.sluice.lambda.runtime.ObjectPipeline;
import dev.sluice.lambda.runtime.PipelineMetrics;
import dev.sluice.lambda.runtime.S3ErrorReports;
import software.amazon.awssdk.services.s3.S3Client;

/** Wires the filter processor into the shared pipeline: *.csv keys only, never its own outputs or error reports. */
public final class FilterFunction {

    private FilterFunction() {}

    public static ObjectPipeline pipeline(S3Client s3, FilterConfig config, PipelineMetrics metrics) {
        return pipeline(s3, config, metrics, new FilterProcessor(s3, config));
    }

    static ObjectPipeline pipeline(
            S3Client s3, FilterConfig config, PipelineMetrics metrics, FilterProcessor processor) {
        KeyPolicy keys = KeyPolicy.suffix(".csv")
                .withOwnOutput(config.destinationBucket(), config.outputPrefix())
                .withOwnOutput(config.destinationBucket(), S3ErrorReports.DEFAULT_PREFIX);
        return new ObjectPipeline(
                processor,
                keys,
                new S3ErrorReports(s3, config.destinationBucket(), S3ErrorReports.DEFAULT_PREFIX),
                metrics);
    }
}
