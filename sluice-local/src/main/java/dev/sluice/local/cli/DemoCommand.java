package dev.sluice.local.cli;

import dev.sluice.aws.config.ConfigSource;
import dev.sluice.aws.config.ConfigurationException;
import dev.sluice.aws.s3.S3MultipartOutputStream;
import dev.sluice.lambda.filter.FilterConfig;
import dev.sluice.lambda.runtime.ObjectOutcome;
import dev.sluice.local.command.CliException;
import dev.sluice.local.command.ExitCode;
import dev.sluice.local.command.StdStreams;
import dev.sluice.local.console.ConsoleServer;
import dev.sluice.local.console.LocalConsole;
import dev.sluice.local.console.PipelineActivity;
import dev.sluice.local.stack.DemoData;
import dev.sluice.local.stack.DynamoDbDemo;
import dev.sluice.local.stack.DynamoDbStack;
import dev.sluice.local.stack.FilterStack;
import dev.sluice.local.stack.LocalStack;
import dev.sluice.local.totesys.TotesysDemo;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** {@code sluice demo}: the local stack on a free port, a few files through the filter, a table of what happened. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Starts the local stack on a free port with a temporary data folder, uploads the seed sample CSVs and a "
                    + "generated CSV, waits for the filter to process them and prints a table (file, rows in, rows "
                    + "kept, ms), loads a CSV into DynamoDB, then runs the Totesys ETL: an embedded PostgreSQL, seeded;"
                    + " extract, transform and load into the star-schema warehouse; a report; churn with a renamed"
                    + " department and a repriced order; a second cycle; the report again and what changed. Exits 0"
                    + " when every file reached its expected outcome and the changes arrived in the warehouse.",
            "The filter rule comes from the same environment variables as the Lambda (FILTER_THRESHOLD, ...)."
        })
public final class DemoCommand implements Callable<Integer> {

    static final List<String> SAMPLES = List.of("agero/valid.csv", "agero/dirty.csv", "agero/empty.csv");
    static final String GENERATED_KEY = "generated/readings.csv";
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final long DEMO_SEED = 20_240_101L;

    @Option(
            names = "--size-mb",
            paramLabel = "MB",
            defaultValue = "50",
            description = "Size of the generated CSV (default: ${DEFAULT-VALUE}).")
    int sizeMb;

    @Option(
            names = "--console-port",
            paramLabel = "PORT",
            defaultValue = "0",
            description = "Web console port on 127.0.0.1 while the demo runs (default: ${DEFAULT-VALUE} = any free"
                    + " port, so it never clashes with a running ./sluice up; the URL is printed).")
    int consolePort;

    private final StdStreams std;

    public DemoCommand(StdStreams std) {
        this.std = std;
    }

    /** One line of the table. */
    record Row(String file, long bytes, ObjectOutcome outcome) {}

    @Override
    public Integer call() throws Exception {
        FilterConfig config;
        try {
            config = FilterStack.config(
                    FilterStack.SOURCE_BUCKET, FilterStack.FILTERED_BUCKET, ConfigSource.environment());
        } catch (ConfigurationException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage(), e);
        }
        PrintStream out = new PrintStream(std.out(), true, StandardCharsets.UTF_8);
        Path dataDir = Files.createTempDirectory("sluice-demo-");
        try (DynamoDbStack dynamoDb = DynamoDbStack.start(0, Optional.empty(), ConfigSource.environment());
                LocalStack stack = dynamoDb.register(FilterStack.register(
                                LocalStack.builder().port(0).dataDir(dataDir), FilterStack.SOURCE_BUCKET, config))
                        .start()) {
            PipelineActivity activity = new PipelineActivity(
                    Clock.systemUTC(),
                    List.of(FilterStack.ROUTE, DynamoDbStack.LOADER_ROUTE, DynamoDbStack.METADATA_ROUTE));
            stack.addListener(activity);
            out.println("Local stack on " + stack.endpoint() + ", rule: "
                    + config.rule().describe());
            try (ConsoleServer console = LocalConsole.start(
                    consolePort, stack, activity, UpCommand.reportLocations(config), Optional.empty())) {
                out.println("Console on " + console.url() + " while the demo runs (pipeline status, dead letters,"
                        + " error reports)");
                return runDemo(stack, dynamoDb, out);
            }
        } finally {
            deleteRecursively(dataDir);
        }
    }

    private int runDemo(LocalStack stack, DynamoDbStack dynamoDb, PrintStream out) throws Exception {
        List<Row> rows = run(stack, out);
        printTable(out, rows);
        boolean ok = rows.stream().allMatch(r -> expected(r))
                & DynamoDbDemo.run(stack, dynamoDb, out)
                & TotesysDemo.run(stack.s3(), out).changesArrived();
        out.println(ok ? "All files reached their expected outcome." : "Some files did not: see the table.");
        return ok ? ExitCode.OK.code() : ExitCode.INTERNAL.code();
    }

    private List<Row> run(LocalStack stack, PrintStream out) throws IOException, InterruptedException {
        S3Client s3 = stack.s3();
        List<Row> rows = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (String sample : SAMPLES) {
            byte[] body = resource("/demo/" + sample);
            s3.putObject(
                    PutObjectRequest.builder()
                            .bucket(FilterStack.SOURCE_BUCKET)
                            .key(sample)
                            .build(),
                    RequestBody.fromBytes(body));
            sizes.add((long) body.length);
        }
        out.println("Uploading a generated " + sizeMb + " MB CSV (multipart)...");
        try (OutputStream upload = new BufferedOutputStream(
                new S3MultipartOutputStream(
                        s3,
                        PutObjectRequest.builder()
                                .bucket(FilterStack.SOURCE_BUCKET)
                                .key(GENERATED_KEY)
                                .contentType("text/csv")
                                .build()),
                1 << 16)) {
            DemoData.write(upload, sizeMb * 1024L * 1024L, DEMO_SEED);
        }
        sizes.add(sizeMb * 1024L * 1024L);
        List<String> keys = new ArrayList<>(SAMPLES);
        keys.add(GENERATED_KEY);
        for (int i = 0; i < keys.size(); i++) {
            try {
                var settled = stack.awaitSettled(FilterStack.SOURCE_BUCKET, keys.get(i), WAIT);
                rows.add(new Row(keys.get(i), sizes.get(i), settled.outcome()));
            } catch (TimeoutException e) {
                rows.add(new Row(keys.get(i), sizes.get(i), null));
            }
        }
        return rows;
    }

    /** The empty seed file has no header: it must be parked with an error report; every other file processed. */
    private static boolean expected(Row row) {
        if (row.file().equals("agero/empty.csv")) {
            return row.outcome() instanceof ObjectOutcome.Failed f
                    && !f.isTransient()
                    && f.failure().reason().equals("NO_HEADER");
        }
        return row.outcome() instanceof ObjectOutcome.Processed;
    }

    static void printTable(PrintStream out, List<Row> rows) {
        String format = "%-26s %10s %10s %10s %8s  %s%n";
        out.printf(format, "file", "bytes", "rows in", "rows kept", "ms", "result");
        for (Row r : rows) {
            switch (r.outcome()) {
                case ObjectOutcome.Processed p ->
                    out.printf(
                            format,
                            r.file(),
                            r.bytes(),
                            p.result().count("RowsIn"),
                            p.result().count("RowsKept"),
                            p.elapsed().toMillis(),
                            p.result().output());
                case ObjectOutcome.Failed f ->
                    out.printf(
                            format,
                            r.file(),
                            r.bytes(),
                            "-",
                            "-",
                            f.elapsed().toMillis(),
                            f.failure().reason() + (f.reportLocation() == null ? "" : " -> " + f.reportLocation()));
                case ObjectOutcome.Skipped s ->
                    out.printf(format, r.file(), r.bytes(), "-", "-", "-", "skipped: " + s.reason());
                case null -> out.printf(format, r.file(), r.bytes(), "-", "-", "-", "no result within " + WAIT);
            }
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("demo sample missing from the jar: " + name);
            }
            return in.readAllBytes();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
