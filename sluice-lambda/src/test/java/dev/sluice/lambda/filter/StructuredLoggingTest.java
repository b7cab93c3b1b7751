package dev.sluice.lambda.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.aws.config.ConfigSource;
import dev.sluice.lambda.runtime.PipelineMetrics;
import dev.sluice.lambda.testing.TestContext;
import dev.sluice.testkit.s3.S3ProxyServer;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** Every outcome is one line of JSON with the Lambda context (Powertools layout) and the object's fields. */
class StructuredLoggingTest {

    @Test
    void eachObjectIsLoggedAsOneJsonLineWithRequestIdColdStartBucketKeyAndOutcome() throws Exception {
        StringWriter captured = new StringWriter();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        JsonTemplateLayout layout = JsonTemplateLayout.newBuilder()
                .setConfiguration(config)
                .setEventTemplateUri("classpath:LambdaJsonLayout.json")
                .build();
        WriterAppender appender = WriterAppender.createAppender(layout, null, captured, "capture", false, true);
        appender.start();
        config.getLoggerConfig("dev.sluice").addAppender(appender, Level.INFO, null);
        context.updateLoggers();
        try (S3ProxyServer server = S3ProxyServer.start()) {
            server.createBucket("sluice-source");
            server.createBucket("sluice-filtered");
            server.client()
                    .putObject(
                            b -> b.bucket("sluice-source").key("incoming/customers.csv"),
                            RequestBody.fromBytes(FilterHandlerTest.CSV));
            var handler = new FilterS3Handler(FilterFunction.pipeline(
                    server.client(),
                    FilterConfig.from(ConfigSource.of(Map.of("DESTINATION_BUCKET", "sluice-filtered"))),
                    PipelineMetrics.none()));

            handler.handleRequest(EventLoader.loadS3Event("events/moto-s3-event.json"), new TestContext("req-42"));
        } finally {
            config.getLoggerConfig("dev.sluice").removeAppender("capture");
            context.updateLoggers();
        }

        List<JsonNode> lines = new ArrayList<>();
        for (String line : captured.toString().split("\n")) {
            lines.add(new ObjectMapper().readTree(line)); // throws unless every line is one JSON document
        }
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.path("level").asText()).isEqualTo("INFO");
            assertThat(line.path("message").asText()).isEqualTo("object processed");
            assertThat(line.path("function_request_id").asText()).isEqualTo("req-42");
            assertThat(line.has("cold_start")).isTrue();
            assertThat(line.path("bucket").asText()).isEqualTo("sluice-source");
            assertThat(line.path("key").asText()).isEqualTo("incoming/customers.csv");
            assertThat(line.path("outcome").asText()).isEqualTo("processed");
            assertThat(line.path("RowsIn").asLong()).isEqualTo(3);
            assertThat(line.path("RowsKept").asLong()).isEqualTo(2);
            assertThat(line.path("output").asText()).isEqualTo("s3://sluice-filtered/incoming/customers.csv");
        });
    }
}
