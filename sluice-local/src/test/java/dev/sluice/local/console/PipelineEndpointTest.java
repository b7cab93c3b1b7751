package dev.sluice.local.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.aws.failure.TransientFailure;
import dev.sluice.aws.s3.S3ObjectRef;
import dev.sluice.lambda.runtime.ObjectOutcome;
import dev.sluice.lambda.runtime.ObjectResult;
import dev.sluice.local.stack.LocalStack;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineEndpointTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T03:00:00Z"), ZoneOffset.UTC);

    private final PipelineActivity activity = new PipelineActivity(CLOCK, List.of("filter", "dynamodb-loader"));
    private final DeadLetterQueue queue = new DeadLetterQueue() {
        @Override
        public List<LocalStack.DeadLetter> list() {
            return List.of(new LocalStack.DeadLetter("0000000000000001-000001", "filter", 3, "boom", "{}"));
        }

        @Override
        public boolean redeliver(String id) {
            return false;
        }
    };

    @Test
    void countsEachFunctionsOutcomesAndListsTheLatestInvocationsNewestFirst() throws Exception {
        S3ObjectRef a = new S3ObjectRef("sluice-source", "a.csv", null, "e", 10, "ObjectCreated:Put");
        S3ObjectRef b = new S3ObjectRef("sluice-source", "b.csv", null, "e", 10, "ObjectCreated:Put");
        activity.settled(
                "filter",
                new ObjectOutcome.Processed(
                        a,
                        new ObjectResult("s3://sluice-filtered/a.csv", Map.of("RowsIn", 3L, "RowsKept", 2L), Map.of()),
                        Duration.ofMillis(12)),
                2,
                null);
        activity.settled(
                "filter",
                new ObjectOutcome.Failed(
                        b, new TransientFailure("S3_UNAVAILABLE", "503", null), Duration.ofMillis(5), null),
                3,
                Path.of("dead.json"));

        JsonNode body = Response.JSON.readTree(
                new PipelineEndpoint(activity, queue).handle(request("limit=1")).body());

        assertThat(body.path("functions").path(0).toString())
                .isEqualTo("{\"function\":\"filter\",\"processed\":1,\"skipped\":0,\"failed\":1,\"retried\":2,"
                        + "\"deadLetter\":1}");
        assertThat(body.path("functions").findValuesAsText("function"))
                .containsExactly("filter", "dynamodb-loader", "extract", "transform", "load");
        assertThat(body.path("invocations")).hasSize(1);
        assertThat(body.path("invocations").path(0).path("key").asText()).isEqualTo("b.csv");
        assertThat(body.path("invocations").path(0).path("outcome").asText()).isEqualTo("dead-lettered");
        JsonNode all = Response.JSON.readTree(
                new PipelineEndpoint(activity, queue).handle(request("")).body());
        JsonNode first = all.path("invocations").path(1);
        assertThat(first.path("rowsIn").asLong()).isEqualTo(3);
        assertThat(first.path("rowsOut").asLong()).isEqualTo(2);
        assertThat(first.path("at").asText()).isEqualTo("2026-12-06T03:00:00Z");
    }

    @Test
    void aLimitOutOfRangeIsABadRequest() {
        assertThatThrownBy(() -> new PipelineEndpoint(activity, queue).handle(request("limit=0")))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("limit must be an integer from 1 to 200, got '0'");
    }

    private static Request request(String query) {
        return Request.of("GET", java.net.URI.create("/api/pipeline" + (query.isEmpty() ? "" : "?" + query)));
    }
}
