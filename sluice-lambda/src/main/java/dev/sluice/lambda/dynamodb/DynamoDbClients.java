package dev.sluice.lambda.dynamodb;

import dev.sluice.lambda.config.ConfigSource;
import dev.sluice.lambda.s3.S3Clients;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the DynamoDB client once per process, like {@link S3Clients}: url-connection HTTP client, region from
 * {@code AWS_REGION}, endpoint from {@code AWS_ENDPOINT_URL_DYNAMODB} / {@code AWS_ENDPOINT_URL} (DynamoDB Local).
 */
public final class DynamoDbClients {

    private DynamoDbClients() {}

    public static DynamoDbClient fromConfig(ConfigSource config) {
        Optional<String> endpoint = config.get("AWS_ENDPOINT_URL_DYNAMODB").or(() -> config.get("AWS_ENDPOINT_URL"));
        return build(
                Region.of(config.get("AWS_REGION").orElse(S3Clients.DEFAULT_REGION)),
                endpoint.map(URI::create).orElse(null),
                DefaultCredentialsProvider.builder().build());
    }

    /** A client for DynamoDB Local (any static credentials work there). */
    public static DynamoDbClient local(URI endpoint) {
        return build(
                Region.of(S3Clients.DEFAULT_REGION),
                endpoint,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
    }

    private static DynamoDbClient build(Region region, URI endpoint, AwsCredentialsProvider credentials) {
        var builder = DynamoDbClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }
}
