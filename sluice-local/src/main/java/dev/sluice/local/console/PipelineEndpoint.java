package dev.sluice.local.console;

import dev.sluice.local.stack.LocalStack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code GET /api/pipeline?limit=N}: per function, objects or batches processed, skipped, failed, retried and now
 * in the dead letter; then the latest {@code N} invocations (default 20, at most {@value PipelineActivity#MAX_RECENT}).
 */
public final class PipelineEndpoint implements Endpoint {

    static final int DEFAULT_LIMIT = 20;

    private final PipelineActivity activity;
    private final DeadLetterQueue deadLetters;

    public PipelineEndpoint(PipelineActivity activity, DeadLetterQueue deadLetters) {
        this.activity = activity;
        this.deadLetters = deadLetters;
    }

    @Override
    public Response handle(Request request) {
        int limit = request.allow(Set.of("limit")).intParam("limit", DEFAULT_LIMIT, 1, PipelineActivity.MAX_RECENT);
        // The dead-letter folder outlives a restart; the in-memory count would not.
        Map<String, Long> dead = deadLetters.list().stream()
                .collect(Collectors.groupingBy(LocalStack.DeadLetter::route, Collectors.counting()));
        List<Map<String, Object>> functions = new ArrayList<>();
        activity.counts().forEach((name, c) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("function", name);
            row.put("processed", c.processed());
            row.put("skipped", c.skipped());
            row.put("failed", c.failed());
            row.put("retried", c.retried());
            row.put("deadLetter", dead.getOrDefault(name, 0L));
            functions.add(row);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", activity.version());
        body.put("functions", functions);
        body.put("invocations", activity.recent(limit).stream().map(toMap()).toList());
        return Response.json(body);
    }

    private static Function<PipelineActivity.Invocation, Map<String, Object>> toMap() {
        return i -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("at", i.at().toString());
            row.put("function", i.function());
            row.put("bucket", i.bucket());
            row.put("key", i.key());
            row.put("outcome", i.outcome());
            row.put("rowsIn", i.rowsIn() < 0 ? null : i.rowsIn());
            row.put("rowsOut", i.rowsOut() < 0 ? null : i.rowsOut());
            row.put("elapsedMillis", i.elapsedMillis());
            row.put("attempts", i.attempts());
            row.put("detail", i.detail());
            return row;
        };
    }
}
