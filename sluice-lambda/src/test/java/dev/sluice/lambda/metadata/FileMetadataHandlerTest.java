package dev.sluice.lambda.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.aws.config.ConfigSource;
import dev.sluice.aws.config.ConfigurationException;
import dev.sluice.aws.failure.SkipReason;
import dev.sluice.aws.s3.S3ObjectRef;
import dev.sluice.lambda.runtime.ObjectPipeline;
import dev.sluice.lambda.runtime.PipelineMetrics;
import dev.sluice.lambda.testing.TestContext;
import dev.sluice.testkit.s3.S3ProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The file-metadata handler against a real S3 wire endpoint (in-process S3Proxy) with real event JSON. */
class FileMetadataHandlerTest {

    static final String SOURCE = "sluice-metadata";
    static final String METADATA = "sluice-metadata-summaries";
    static final ObjectMapper JSON = new ObjectMapper();

    private static S3ProxyServer server;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.withBuckets(SOURCE, METADATA);
        s3 = server.client();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void emptyBuckets() {
        server.emptyBuckets(SOURCE, METADATA);
    }

    static ObjectPipeline pipeline() {
        return MetadataFunction.pipeline(
                s3,
                MetadataConfig.from(ConfigSource.of(Map.of("METADATA_BUCKET", METADATA, "SOURCE_BUCKET", SOURCE))),
                PipelineMetrics.none());
    }

    static byte[] sampleCsv() throws IOException {
        try (InputStream in = FileMetadataHandlerTest.class.getResourceAsStream("/dynamodb/sample-good.csv")) {
            return in.readAllBytes();
        }
    }

    static JsonNode summary(String key) throws IOException {
        return JSON.readTree(
                s3.getObjectAsBytes(b -> b.bucket(METADATA).key(key)).asByteArray());
    }

    @ParameterizedTest
    @Event(value = "events/metadata-s3-put-event.json", type = S3Event.class)
    void csvUploadGetsHeadMetadataAndAStreamingProfile(S3Event event) throws IOException {
        s3.putObject(
                b -> b.bucket(SOURCE)
                        .key("reports/2026/q4 summary.csv")
                        .contentType("text/csv")
                        .metadata(Map.of("owner", "data-team", "batch", "42")),
                RequestBody.fromBytes(sampleCsv()));

        new FileMetadataHandler(pipeline()).handleRequest(event, new TestContext());

        JsonNode s = summary("reports/2026/q4 summary.csv.json");
        assertThat(s.get("bucket").asText()).isEqualTo(SOURCE);
        assertThat(s.get("key").asText()).isEqualTo("reports/2026/q4 summary.csv");
        assertThat(s.get("contentType").asText()).isEqualTo("text/csv");
        assertThat(s.get("sizeBytes").asLong()).isEqualTo(sampleCsv().length);
        assertThat(s.get("lastModified").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(s.get("eTag").asText()).isEqualTo("0d2cc94a77242a15392d0c87ca103050");
        assertThat(s.get("userMetadata").toString()).isEqualTo("{\"batch\":\"42\",\"owner\":\"data-team\"}");
        JsonNode profile = s.get("csvProfile");
        assertThat(profile.get("columnCount").asInt()).isEqualTo(5);
        assertThat(profile.get("rowCount").asLong()).isEqualTo(5);
        assertThat(profile.get("header").toString())
                .isEqualTo("[\"customer_id\",\"name\",\"age\",\"date_of_birth\",\"favourite_colour\"]");
        JsonNode age = profile.get("columns").get(2);
        assertThat(age.toString())
                .isEqualTo("{\"name\":\"age\",\"type\":\"NUMBER\",\"emptyCells\":0,"
                        + "\"numericCells\":5,\"min\":20.0,\"max\":66.0}");
        assertThat(profile.get("columns").get(3).get("type").asText()).isEqualTo("STRING");
    }

    @Test
    void nonCsvObjectGetsHeadMetadataOnly() throws IOException {
        s3.putObject(
                b -> b.bucket(SOURCE).key("CV_JNE.pdf").contentType("application/pdf"),
                RequestBody.fromString("%PDF-1.7 not really"));

        var report = pipeline().process(List.of(S3ObjectRef.of(SOURCE, "CV_JNE.pdf")));

        assertThat(report.processed()).hasSize(1);
        JsonNode s = summary("CV_JNE.pdf.json");
        assertThat(s.get("contentType").asText()).isEqualTo("application/pdf");
        assertThat(s.get("sizeBytes").asLong()).isEqualTo(19);
        assertThat(s.has("csvProfile")).isFalse();
    }

    @Test
    void malformedCsvStillGetsItsSummaryWithTheProfileError() throws IOException {
        s3.putObject(b -> b.bucket(SOURCE).key("broken.csv"), RequestBody.fromString("a,b\n1,\"open\n"));

        var report = pipeline().process(List.of(S3ObjectRef.of(SOURCE, "broken.csv")));

        assertThat(report.processed().getFirst().result().count("ProfileErrors"))
                .isEqualTo(1);
        JsonNode error = summary("broken.csv.json").get("csvProfileError");
        assertThat(error.get("line").asLong()).isEqualTo(2);
        assertThat(error.get("message").asText()).startsWith("line 2:");
    }

    @Test
    void unprofilableCsvIsLoggedWithItsErrorTextUnderANonReservedKey() throws IOException {
        s3.putObject(b -> b.bucket(SOURCE).key("broken.csv"), RequestBody.fromString("a,b\n1,\"open\n"));
        StringWriter captured = new StringWriter();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        JsonTemplateLayout layout = JsonTemplateLayout.newBuilder()
                .setConfiguration(config)
                .setEventTemplateUri("classpath:LambdaJsonLayout.json")
                .build();
        WriterAppender appender = WriterAppender.createAppender(layout, null, captured, "capture", false, true);
        appender.start();
        config.getLoggerConfig("dev.sluice").addAppender(appender, Level.WARN, null);
        context.updateLoggers();
        try {
            pipeline().process(List.of(S3ObjectRef.of(SOURCE, "broken.csv")));
        } finally {
            config.getLoggerConfig("dev.sluice").removeAppender("capture");
            context.updateLoggers();
        }

        // "error" is a key the JSON layout reserves: a field named so was dropped with a status warning.
        JsonNode line = JSON.readTree(captured.toString()
                .lines()
                .filter(l -> l.contains("could not be profiled"))
                .findFirst()
                .orElseThrow());
        assertThat(line.path("errorMessage").asText())
                .as("the CSV error text is in the log line")
                .startsWith("line 2:");
        assertThat(line.path("key").asText()).isEqualTo("broken.csv");
    }

    @Test
    void reprocessingWritesTheSameBytes() {
        s3.putObject(b -> b.bucket(SOURCE).key("a.csv"), RequestBody.fromString("x\n1\n"));
        pipeline().process(List.of(S3ObjectRef.of(SOURCE, "a.csv")));
        String first =
                s3.getObjectAsBytes(b -> b.bucket(METADATA).key("a.csv.json")).asString(StandardCharsets.UTF_8);

        pipeline().process(List.of(S3ObjectRef.of(SOURCE, "a.csv")));

        assertThat(s3.getObjectAsBytes(b -> b.bucket(METADATA).key("a.csv.json"))
                        .asString(StandardCharsets.UTF_8))
                .isEqualTo(first);
    }

    @ParameterizedTest
    @Event(value = "events/s3-missing-object-event.json", type = S3Event.class)
    void missingObjectIsParkedNotRetried(S3Event event) {
        var report = pipeline().process(dev.sluice.aws.s3.S3EventRecords.from(event));

        assertThat(report.failed()).singleElement().satisfies(f -> {
            assertThat(f.failure().reason()).isEqualTo("OBJECT_GONE");
            assertThat(f.isTransient()).isFalse();
        });
    }

    @Test
    void staleEventIsSkippedAndSummariesAreNeverSummarised() {
        s3.putObject(b -> b.bucket(SOURCE).key("a.csv"), RequestBody.fromString("x\n1\n"));

        var report = pipeline()
                .process(List.of(
                        new S3ObjectRef(
                                SOURCE, "a.csv", null, "00000000000000000000000000000000", 4, "ObjectCreated:Put"),
                        S3ObjectRef.of(METADATA, "a.csv.json")));

        assertThat(report.skipped())
                .extracting(s -> s.reason())
                .containsExactly(SkipReason.SUPERSEDED, SkipReason.OWN_OUTPUT);
    }

    @Test
    void configurationNeedsTheMetadataBucketAndRefusesALoop() {
        assertThatThrownBy(() -> MetadataConfig.from(ConfigSource.of(Map.of())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("METADATA_BUCKET is required: set it to the bucket that receives the JSON summaries");
        assertThatThrownBy(() ->
                        MetadataConfig.from(ConfigSource.of(Map.of("METADATA_BUCKET", "b", "SOURCE_BUCKET", "b"))))
                .hasMessageStartingWith("loop guard: METADATA_BUCKET and SOURCE_BUCKET are both 'b'");
    }

    @Test
    void primingProfilesTheSampleWithoutTheNetwork() throws IOException {
        JsonNode primed = JSON.readTree(MetadataRuntime.Priming.prime());

        assertThat(primed.at("/csvProfile/rowCount").asLong()).isEqualTo(2);
        assertThat(primed.at("/csvProfile/columns/1/max").asDouble()).isEqualTo(5.5);
    }
}
