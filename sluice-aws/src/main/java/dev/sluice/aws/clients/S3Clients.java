package dev.sluice.aws.clients;

import dev.sluice.aws.config.ConfigSource;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 client, with the settings every Sluice client shares ({@link AwsClients}). */
public final class S3Clients {

    private S3Clients() {}

    public static S3Client fromConfig(ConfigSource config) {
        var builder = S3Client.builder();
        // bucket.127.0.0.1 does not resolve: a local endpoint needs path-style addressing.
        AwsClients.configure(builder, config, "AWS_ENDPOINT_URL_S3")
                .ifPresent(endpoint -> builder.forcePathStyle(true));
        return builder.build();
    }
}
