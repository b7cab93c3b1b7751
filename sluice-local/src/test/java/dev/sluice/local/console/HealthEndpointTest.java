package dev.sluice.local.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

class HealthEndpointTest {

    @Test
    void readyWhenEveryComponentAnswersElse503NamingTheFailingOne() throws Exception {
        Map<String, Callable<?>> checks = new LinkedHashMap<>();
        checks.put("s3", () -> true);
        assertThat(new HealthEndpoint(checks).handle(request("")).bodyText())
                .isEqualTo("{\"status\":\"UP\",\"components\":{\"s3\":\"UP\"}}");
        checks.put("warehouse", () -> {
            throw new java.sql.SQLException("connection refused");
        });
        Response down = new HealthEndpoint(checks).handle(request(""));
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.bodyText())
                .isEqualTo("{\"status\":\"DOWN\",\"components\":{\"s3\":\"UP\","
                        + "\"warehouse\":\"DOWN: connection refused\"}}");
        assertThat(new HealthEndpoint(checks).handle(request("probe=live")).status())
                .as("liveness does not depend on the components")
                .isEqualTo(200);
    }

    @Test
    void anUnknownProbeIsABadRequest() {
        assertThatThrownBy(() -> new HealthEndpoint(Map.of()).handle(request("probe=deep")))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("probe must be ready or live, got 'deep'");
    }

    private static Request request(String query) {
        return Request.of("GET", URI.create("/health" + (query.isEmpty() ? "" : "?" + query)));
    }
}
