package dev.sluice.lambda.dynamodb;

import dev.sluice.lambda.runtime.KeyPolicy;
import dev.sluice.lambda.runtime.ObjectPipeline;
import dev.sluice.lambda.runtime.PipelineMetrics;
import dev.sluice.lambda.runtime.S3ErrorReports;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Wires the loader into the shared pipeline: *.csv keys only, never its own reports in the errors bucket. */
public final class LoaderFunction {

    private LoaderFunction() {}

    public static ObjectPipeline pipeline(
            S3Client s3, DynamoDbClient dynamoDb, LoaderConfig config, PipelineMetrics metrics) {
        return pipeline(s3, config, metrics, new LoaderProcessor(s3, dynamoDb, config, Backoff.DEFAULT));
    }

    public static ObjectPipeline pipeline(
            S3Client s3, LoaderConfig config, PipelineMetrics metrics, LoaderProcessor processor) {
        KeyPolicy keys = KeyPolicy.suffix(".csv").withOwnOutput(config.rejectsBucket(), ReportKeys.PREFIX);
        // Same report as the filter's, under the loader's key layout, naming the table nothing was written to.
        S3ErrorReports reports =
                new S3ErrorReports(s3, config.rejectsBucket(), ReportKeys::error, Map.of("table", config.tableName()));
        return new ObjectPipeline(processor, keys, reports, metrics);
    }
}
