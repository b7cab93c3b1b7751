package dev.sluice.aws.clients;

import dev.sluice.aws.config.ConfigSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB client, with the settings every Sluice client shares ({@link AwsClients}). */
public final class DynamoDbClients {

    private DynamoDbClients() {}

    public static DynamoDbClient fromConfig(ConfigSource config) {
        var builder = DynamoDbClient.builder();
        AwsClients.configure(builder, config, "AWS_ENDPOINT_URL_DYNAMODB");
        return builder.build();
    }
}
