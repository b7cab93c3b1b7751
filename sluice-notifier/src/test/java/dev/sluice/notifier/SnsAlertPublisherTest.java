package dev.sluice.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The real SNS client (2.51.3, on the bom's 2.54.14 core: see the pom) against a local HTTP endpoint that answers
 * like SNS: proves the mixed versions work together and that the mail goes out as one Publish with its subject.
 */
class SnsAlertPublisherTest {

    private static final String TOPIC = "arn:aws:sns:eu-west-2:123456789012:sluice-alerts";

    @Test
    void anAlertIsOnePublishToTheTopicWithTheSubjectAndBody() throws Exception {
        AtomicReference<String> request = new AtomicReference<>();
        HttpServer sns =
                HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
        sns.createContext("/", exchange -> {
            request.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] response = ("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                            + "<MessageId>7f0c2a1e-0000-4000-8000-000000000001</MessageId></PublishResult>"
                            + "<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, response.length);
            exchange.getResponseBody().write(response);
            exchange.close();
        });
        sns.start();
        try (SnsClient client = SnsClient.builder()
                .endpointOverride(
                        URI.create("http://127.0.0.1:" + sns.getAddress().getPort()))
                .region(Region.EU_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            new SnsAlertPublisher(client, TOPIC)
                    .publish(new AlertMessage("Sluice ERROR in sluice-etl-load: LoadException", "Batch id: b-1\n"));
        } finally {
            sns.stop(0);
        }
        String form = URLDecoder.decode(request.get(), StandardCharsets.UTF_8);
        assertThat(form)
                .contains("Action=Publish")
                .contains("TopicArn=" + TOPIC)
                .contains("Subject=Sluice ERROR in sluice-etl-load: LoadException")
                .contains("Message=Batch id: b-1\n");
    }
}
