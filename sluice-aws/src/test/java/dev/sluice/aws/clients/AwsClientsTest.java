package dev.sluice.aws.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.aws.config.ConfigSource;
import dev.sluice.aws.s3.S3Objects;
import dev.sluice.testkit.s3.S3ProxyServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

class AwsClientsTest {

    static S3ProxyServer server;

    @BeforeAll
    static void start() {
        // The factories use the default credentials chain; these system properties are its second link.
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        server = S3ProxyServer.withBuckets("bucket");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void theS3ClientReachesALocalEndpointWithPathStyleAddressing() {
        ConfigSource config =
                ConfigSource.of(Map.of("AWS_ENDPOINT_URL_S3", server.endpoint().toString()));
        try (S3Client s3 = S3Clients.fromConfig(config)) {
            s3.putObject(b -> b.bucket("bucket").key("a.csv"), RequestBody.fromString("x", StandardCharsets.UTF_8));

            assertThat(S3Objects.deleteIfPresent(s3, "bucket", "a.csv")).isTrue();
            assertThat(S3Objects.deleteIfPresent(s3, "bucket", "a.csv")).isFalse();
            assertThat(s3.serviceClientConfiguration().region()).isEqualTo(Region.of(AwsClients.DEFAULT_REGION));
        }
    }

    @Test
    void theServiceEndpointVariableWinsOverTheGenericOne() {
        ConfigSource config = ConfigSource.of(Map.of(
                "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:9999",
                "AWS_REGION", "eu-west-2"));
        try (var dynamoDb = DynamoDbClients.fromConfig(config);
                var secrets = SecretsManagerClients.fromConfig(config)) {
            assertThat(dynamoDb.serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("http://127.0.0.1:8000"));
            assertThat(secrets.serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("http://127.0.0.1:9999"));
            assertThat(dynamoDb.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_2);
        }
    }

    @Test
    void withoutAnEndpointVariableTheClientUsesAwsItself() {
        try (var secrets = SecretsManagerClients.fromConfig(ConfigSource.of(Map.of()))) {
            assertThat(secrets.serviceClientConfiguration().endpointOverride()).isEmpty();
        }
    }
}
