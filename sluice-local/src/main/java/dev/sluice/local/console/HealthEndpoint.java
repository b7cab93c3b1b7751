package dev.sluice.local.console;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code GET /health}: readiness, 200 when every component answers (the S3 endpoint, the warehouse), else 503
 * with the failing one's error; {@code GET /health?probe=live}: liveness, 200 while the process serves requests.
 * Scripts and tests poll it instead of reading the log.
 */
public final class HealthEndpoint implements Endpoint {

    private final Map<String, Callable<?>> checks;

    /** Each check answers or throws; its name is the component's. */
    public HealthEndpoint(Map<String, Callable<?>> checks) {
        this.checks = new LinkedHashMap<>(checks);
    }

    @Override
    public Response handle(Request request) {
        String probe = request.allow(Set.of("probe")).param("probe").orElse("ready");
        if (probe.equals("live")) {
            return Response.json(Map.of("status", "UP"));
        }
        if (!probe.equals("ready")) {
            throw new BadRequestException("probe must be ready or live, got '" + probe + "'");
        }
        Map<String, String> components = new LinkedHashMap<>();
        boolean up = true;
        for (Map.Entry<String, Callable<?>> check : checks.entrySet()) {
            try {
                check.getValue().call();
                components.put(check.getKey(), "UP");
            } catch (Exception e) {
                up = false;
                components.put(check.getKey(), "DOWN: " + e.getMessage());
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("components", components);
        return Response.json(up ? 200 : 503, body);
    }
}
