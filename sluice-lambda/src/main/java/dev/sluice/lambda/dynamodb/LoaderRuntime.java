package dev.sluice.lambda.dynamodb;

import dev.sluice.lambda.config.ConfigSource;
import dev.sluice.lambda.runtime.ObjectPipeline;
import dev.sluice.lambda.runtime.PowertoolsPipelineMetrics;
import dev.sluice.lambda.s3.S3Clients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The deployed loader's process-wide state, built once in Lambda's init phase (so a SnapStart snapshot holds it):
 * validated configuration, the S3 and DynamoDB clients, the pipeline. Loaded lazily by the handler's no-argument
 * constructor, so tests that inject a pipeline never read the environment.
 */
final class LoaderRuntime {

    static final LoaderConfig CONFIG = LoaderConfig.from(ConfigSource.environment());

    static {
        // The JDK keeps at most http.maxConnections (default 5) idle connections per host; with more writes in
        // flight, the extra connections would be closed and re-opened (a TLS handshake each) on every request.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", Integer.toString(Math.max(5, CONFIG.concurrency())));
        }
    }

    static final S3Client S3 = S3Clients.fromConfig(ConfigSource.environment());
    static final DynamoDbClient DYNAMO_DB = DynamoDbClients.fromConfig(ConfigSource.environment());
    static final ObjectPipeline PIPELINE = LoaderFunction.pipeline(S3, DYNAMO_DB, CONFIG,
            new PowertoolsPipelineMetrics());

    private LoaderRuntime() {
    }
}
