package dev.sluice.lambda.dynamodb;

import dev.sluice.lambda.runtime.KeyPolicy;
import dev.sluice.lambda.runtime.ObjectPipeline;
import dev.sluice.lambda.runtime.PipelineMetrics;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Wires the loader into the shared pipeline: *.csv keys only, never its own reports in the errors bucket. */
public final class LoaderFunction {

    private LoaderFunction() {
    }

    public static ObjectPipeline pipeline(S3Client s3, DynamoDbClient dynamoDb, LoaderConfig config,
                                          PipelineMetrics metrics) {
        return pipeline(s3, config, metrics, new LoaderProcessor(s3, dynamoDb, config, Backoff.DEFAULT));
    }

    public static ObjectPipeline pipeline(S3Client s3, LoaderConfig config, PipelineMetrics metrics,
                                          LoaderProcessor processor) {
        KeyPolicy keys = KeyPolicy.suffix(".csv").withOwnOutput(config.rejectsBucket(), ReportKeys.PREFIX);
        return new ObjectPipeline(processor, keys,
                new LoaderErrorReports(s3, config.rejectsBucket(), config.tableName()), metrics);
    }
}
