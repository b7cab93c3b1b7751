package dev.sluice.aws.clients;

import dev.sluice.aws.config.ConfigSource;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * What every Sluice AWS client shares: the lean url-connection HTTP client with one set of time-outs, the region from
 * {@code AWS_REGION} and an optional endpoint override from {@code AWS_ENDPOINT_URL_<SERVICE>} or
 * {@code AWS_ENDPOINT_URL} (a local emulator). Clients are built once per process (static initialisation in Lambda, so
 * SnapStart snapshots them), never inside request logic.
 */
public final class AwsClients {

    public static final String DEFAULT_REGION = "us-east-1";
    /** Time to open a TCP connection: an AWS endpoint answers in milliseconds; longer means the network is broken. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Longest wait for bytes on an open connection: covers a slow ranged GET of a large S3 part. */
    public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

    private AwsClients() {}

    /**
     * Applies the shared settings to {@code builder}.
     *
     * @param endpointVariable the service's own endpoint variable, e.g. {@code AWS_ENDPOINT_URL_S3}
     * @return the endpoint override in use, if any (S3 then needs path-style addressing)
     */
    static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> Optional<URI> configure(
            B builder, ConfigSource config, String endpointVariable) {
        Optional<URI> endpoint = config.get(endpointVariable)
                .or(() -> config.get("AWS_ENDPOINT_URL"))
                .map(URI::create);
        builder.region(Region.of(config.get("AWS_REGION").orElse(DEFAULT_REGION)))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(httpClient());
        endpoint.ifPresent(builder::endpointOverride);
        return endpoint;
    }

    static UrlConnectionHttpClient.Builder httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT);
    }
}
