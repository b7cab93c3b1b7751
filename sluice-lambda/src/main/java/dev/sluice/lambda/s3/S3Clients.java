package dev.sluice.lambda.s3;

import dev.sluice.lambda.config.ConfigSource;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the S3 client once per process (static initialisation in Lambda, so SnapStart snapshots it) with the
 * lightweight URL-connection HTTP client. {@code AWS_ENDPOINT_URL_S3} / {@code AWS_ENDPOINT_URL} point it at a local
 * endpoint (path-style addressing then, since {@code bucket.127.0.0.1} does not resolve).
 */
public final class S3Clients {

    public static final String DEFAULT_REGION = "us-east-1";

    private S3Clients() {}

    public static S3Client fromConfig(ConfigSource config) {
        Optional<String> endpoint = config.get("AWS_ENDPOINT_URL_S3").or(() -> config.get("AWS_ENDPOINT_URL"));
        return build(
                Region.of(config.get("AWS_REGION").orElse(DEFAULT_REGION)),
                endpoint.map(URI::create).orElse(null),
                DefaultCredentialsProvider.builder().build());
    }

    /** A client for a local S3-compatible endpoint (any static credentials work there). */
    public static S3Client local(URI endpoint) {
        return build(
                Region.of(DEFAULT_REGION),
                endpoint,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
    }

    private static S3Client build(Region region, URI endpoint, AwsCredentialsProvider credentials) {
        var builder = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)));
        if (endpoint != null) {
            builder.endpointOverride(endpoint).forcePathStyle(true);
        }
        return builder.build();
    }
}
