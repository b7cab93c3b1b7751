package dev.sluice.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.etl.warehouse.WarehouseSchema;
import dev.sluice.local.stack.LocalStack;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** The console's endpoints wired to a real local stack and warehouse, over HTTP, as the page calls them. */
class LocalConsoleTest {

    @TempDir
    static Path dataDir;

    private static EmbeddedPostgres postgres;
    private static LocalStack stack;
    private static ConsoleServer console;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "off")
                .start();
        WarehouseSchema.migrate(postgres.getPostgresDatabase());
        LocalDateTime tenMinutesAgo =
                LocalDateTime.now(ZoneOffset.UTC).minusMinutes(10).truncatedTo(ChronoUnit.SECONDS);
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO etl_batch (batch_id, sequence, rows_loaded, extracted_at, loaded_at) VALUES"
                    + " ('20261206T010000000Z-000001', 1, 746, '2026-12-06T01:00:00Z', '2026-12-06T01:00:30Z')");
            s.execute("INSERT INTO fact_payment (payment_id, created_date, created_time, last_updated_date,"
                    + " last_updated_time, transaction_id, counterparty_id, payment_amount, currency_id,"
                    + " payment_type_id, paid, payment_date) VALUES (1, '2024-01-01', '10:00', '"
                    + tenMinutesAgo.toLocalDate() + "', '" + tenMinutesAgo.toLocalTime()
                    + "', 1, 1, 10.00, 1, 1, true, '2024-01-05')");
        }
        stack = LocalStack.builder()
                .port(0)
                .dataDir(dataDir)
                .bucket("reports")
                .bucket("ingestion")
                .start();
        stack.s3()
                .putObject(
                        b -> b.bucket("reports").key("_errors/bad.csv.json"),
                        RequestBody.fromString("{\"reason\":\"NO_HEADER\"}"));
        stack.s3().putObject(b -> b.bucket("reports").key("kept.csv"), RequestBody.fromString("a\n1\n"));
        stack.s3()
                .putObject(
                        b -> b.bucket("ingestion").key("ingestion/_state/extract.json"),
                        RequestBody.fromString("{\"version\":1,\"lastBatchId\":\"x\",\"batchCount\":1,\"tables\":"
                                + "{\"sales_order\":{\"watermark\":\"2026-12-06T01:00:00\",\"keysAtWatermark\":[],"
                                + "\"rowsAtWatermark\":1}}}"));
        console = LocalConsole.start(
                0,
                stack,
                new PipelineActivity(Clock.systemUTC(), List.of("filter")),
                List.of(new ErrorReportsEndpoint.Location("reports", "_errors/")),
                Optional.of(new LocalConsole.Etl("ingestion", postgres.getPostgresDatabase())));
    }

    @AfterAll
    static void stop() throws Exception {
        console.close();
        stack.close();
        postgres.close();
    }

    @Test
    void healthIsUpWhenS3AndTheWarehouseAnswer() throws Exception {
        assertThat(get("/health").body())
                .isEqualTo("{\"status\":\"UP\",\"components\":{\"s3\":\"UP\",\"warehouse\":\"UP\"}}");
    }

    @Test
    void errorReportsAreListedWithTheirContentAndNothingElseIsServed() throws Exception {
        JsonNode reports = json("/api/errors");
        assertThat(reports.path("total").asInt()).isEqualTo(1);
        assertThat(reports.path("reports").path(0).path("key").asText()).isEqualTo("_errors/bad.csv.json");
        HttpResponse<String> content = get("/api/errors/content?bucket=reports&key=_errors/bad.csv.json");
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.body()).isEqualTo("{\"reason\":\"NO_HEADER\"}");
        HttpResponse<String> other = get("/api/errors/content?bucket=reports&key=kept.csv");
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(other.body()).isEqualTo("{\"error\":\"s3://reports/kept.csv is not an error report location\"}");
        assertThat(get("/api/errors/content?bucket=reports&key=_errors/gone.json")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void etlHealthShowsTheLedgerTheWatermarksAndFreshnessAgainstTheTarget() throws Exception {
        JsonNode etl = json("/api/etl?limit=5");
        assertThat(etl.path("loaded").toString())
                .isEqualTo("[{\"batchId\":\"20261206T010000000Z-000001\",\"sequence\":1,\"rows\":746,"
                        + "\"extractedAt\":\"2026-12-06T01:00:00Z\",\"loadedAt\":\"2026-12-06T01:00:30Z\"}]");
        assertThat(etl.path("watermarks").toString()).isEqualTo("{\"sales_order\":\"2026-12-06T01:00:00\"}");
        assertThat(etl.path("freshness").path("status").asText()).isEqualTo("ok");
        assertThat(etl.path("freshness").path("ageSeconds").asLong()).isBetween(540L, 900L);
        assertThat(etl.path("freshness").path("targetSeconds").asLong()).isEqualTo(1800);
        assertThat(get("/api/etl?limit=-1").statusCode()).isEqualTo(400);
    }

    @Test
    void theDashboardsAndDeadLettersAreServed() throws Exception {
        assertThat(json("/api/dashboards").path("dashboards").findValuesAsText("name"))
                .contains("sales-by-month", "top-designs", "payments-by-month");
        assertThat(get("/api/dashboards/payments-by-month").body())
                .as("amounts keep their scale: the raw JSON, not a re-serialised tree")
                .endsWith("\"rows\":[[\"2024-01\",1,10.00,10.00]]}");
        assertThat(json("/api/dead-letters").toString()).isEqualTo("{\"deadLetters\":[]}");
        HttpResponse<String> redeliver = http.send(
                HttpRequest.newBuilder(
                                URI.create(console.url() + "api/dead-letters/redeliver?id=0000000000000001-000001"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(redeliver.statusCode()).isEqualTo(404);
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Response.JSON.readTree(r.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(console.url() + path.substring(1)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
