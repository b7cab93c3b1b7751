package dev.sluice.local.console;

import dev.sluice.etl.extract.ExtractConfig;
import dev.sluice.local.stack.LocalStack;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The console of {@code ./sluice up} and {@code ./sluice demo}, wired to what the local stack already keeps: the
 * invocation outcomes ({@link PipelineActivity}, a stack listener and ETL observer), the dead-letter folder, the
 * error-report buckets and, when the Totesys chain runs, the warehouse and the extract's state.
 */
public final class LocalConsole {

    /** The Totesys side, when it runs: where the extract keeps its state, and the warehouse. */
    public record Etl(String ingestionBucket, DataSource warehouse) {}

    private LocalConsole() {}

    public static ConsoleServer start(
            int port,
            LocalStack stack,
            PipelineActivity activity,
            List<ErrorReportsEndpoint.Location> reports,
            Optional<Etl> etl)
            throws IOException {
        S3Client s3 = stack.s3();
        DeadLetterQueue queue = DeadLetterQueue.of(stack);
        DeadLettersEndpoint deadLetters = new DeadLettersEndpoint(queue);
        ErrorReportsEndpoint errors = new ErrorReportsEndpoint(s3, reports);
        Map<String, Callable<?>> checks = new LinkedHashMap<>();
        checks.put("s3", () -> s3.listBuckets());
        etl.ifPresent(e -> checks.put("warehouse", () -> {
            try (var c = e.warehouse().getConnection()) {
                return c.isValid(2);
            }
        }));
        ConsoleServer.Builder server = ConsoleServer.builder()
                .port(port)
                .get("/health", new HealthEndpoint(checks))
                .get("/api/pipeline", new PipelineEndpoint(activity, queue))
                .get("/api/dead-letters", deadLetters.list())
                .post("/api/dead-letters/redeliver", deadLetters.redeliver())
                .get("/api/errors", errors.list())
                .get("/api/errors/content", errors.content())
                .otherwise(new StaticEndpoint());
        if (etl.isPresent()) {
            DataSource warehouse = etl.get().warehouse();
            String stateKey = ExtractConfig.totesys(etl.get().ingestionBucket()).prefix() + "/_state/extract.json";
            server.get(
                            "/api/etl",
                            new EtlEndpoint(
                                    activity, s3, etl.get().ingestionBucket(), stateKey, warehouse, Clock.systemUTC()))
                    .get("/api/dashboards", DashboardEndpoint.index())
                    .getUnder(DashboardEndpoint.PREFIX, new DashboardEndpoint(warehouse));
        } else {
            Endpoint none = request -> {
                throw new NotFoundException("no warehouse in this run (./sluice up has one; ./sluice demo does not)");
            };
            server.get("/api/etl", none).get("/api/dashboards", none).getUnder(DashboardEndpoint.PREFIX, none);
        }
        return server.start();
    }
}
