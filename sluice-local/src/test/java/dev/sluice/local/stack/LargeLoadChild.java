package dev.sluice.local.stack;

import dev.sluice.aws.clients.DynamoDbClients;
import dev.sluice.aws.clients.S3Clients;
import dev.sluice.aws.config.ConfigSource;
import dev.sluice.aws.s3.S3ObjectRef;
import dev.sluice.lambda.dynamodb.LoaderConfig;
import dev.sluice.lambda.dynamodb.LoaderFunction;
import dev.sluice.lambda.runtime.ObjectOutcome;
import dev.sluice.lambda.runtime.PipelineMetrics;
import java.util.List;

/** The loader as the Lambda runs it (configuration and clients from the environment), in a JVM of its own. */
public final class LargeLoadChild {

    private LargeLoadChild() {}

    public static void main(String[] args) {
        var env = ConfigSource.environment();
        try (var s3 = S3Clients.fromConfig(env);
                var dynamoDb = DynamoDbClients.fromConfig(env)) {
            var pipeline = LoaderFunction.pipeline(s3, dynamoDb, LoaderConfig.from(env), PipelineMetrics.none());
            var outcome = pipeline.process(List.of(S3ObjectRef.of(args[0], args[1])))
                    .outcomes()
                    .getFirst();
            long maxHeapMb = Runtime.getRuntime().maxMemory() >> 20;
            if (outcome instanceof ObjectOutcome.Processed p) {
                System.out.println("CHILD-RESULT " + p.result().counts() + " in "
                        + p.elapsed().toMillis() + " ms, max heap " + maxHeapMb + " MB");
                System.exit(0);
            }
            System.out.println("CHILD-RESULT " + outcome);
            System.exit(1);
        }
    }
}
