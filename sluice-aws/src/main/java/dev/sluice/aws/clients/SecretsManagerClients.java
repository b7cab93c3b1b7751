package dev.sluice.aws.clients;

import dev.sluice.aws.config.ConfigSource;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The Secrets Manager client, with the settings every Sluice client shares ({@link AwsClients}). */
public final class SecretsManagerClients {

    private SecretsManagerClients() {}

    public static SecretsManagerClient fromConfig(ConfigSource config) {
        var builder = SecretsManagerClient.builder();
        AwsClients.configure(builder, config, "AWS_ENDPOINT_URL_SECRETSMANAGER");
        return builder.build();
    }
}
