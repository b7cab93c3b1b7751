package dev.sluice.local.totesys;

import dev.sluice.local.command.CliException;
import dev.sluice.local.command.ExitCode;
import dev.sluice.local.command.StdStreams;
import dev.sluice.local.stack.LocalStack;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sluice totesys serve}: only the Totesys database and an S3 endpoint, in the foreground (benches, experiments). */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Runs the embedded Totesys PostgreSQL (seeded at --scale) and an S3 endpoint on 127.0.0.1 until"
                + " Ctrl-C, without the rest of the stack, and prints 'ready' when both are up. Optionally runs the"
                + " extract on a schedule. bench/totesys-bench.sh uses it.")
public final class ServeCommand implements Callable<Integer> {

    @Option(
            names = "--pg-port",
            paramLabel = "PORT",
            defaultValue = "" + LocalTotesys.DEFAULT_PG_PORT,
            description = "PostgreSQL port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int pgPort;

    @Option(
            names = "--s3-port",
            paramLabel = "PORT",
            defaultValue = "4566",
            description = "S3 endpoint port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int s3Port;

    @Option(
            names = "--scale",
            paramLabel = "N",
            defaultValue = "1",
            description = "Seed scale (default: ${DEFAULT-VALUE}; 0 = schema only).")
    int scale;

    @Option(
            names = "--extract-every",
            paramLabel = "SECONDS",
            defaultValue = "0",
            description = "Run the extract into sluice-ingestion every SECONDS (default: 0 = never; use"
                    + " ./sluice totesys extract).")
    int extractEvery;

    private final StdStreams std;

    public ServeCommand(StdStreams std) {
        this.std = std;
    }

    @Override
    public Integer call() throws Exception {
        if (scale < 0 || extractEvery < 0) {
            throw new CliException(ExitCode.USAGE, "--scale and --extract-every must not be negative", null);
        }
        PrintStream out = new PrintStream(std.out(), true, StandardCharsets.UTF_8);
        Path data = Files.createTempDirectory("sluice-totesys-serve");
        LocalStack stack = LocalStack.builder()
                .port(s3Port)
                .dataDir(data)
                .bucket(LocalTotesys.INGESTION_BUCKET)
                .start();
        LocalTotesys totesys = LocalTotesys.start(pgPort, scale);
        AutoCloseable schedule = extractEvery == 0
                ? () -> {}
                : totesys.scheduleExtract(
                        stack.s3(),
                        LocalTotesys.INGESTION_BUCKET,
                        Duration.ofSeconds(extractEvery),
                        TotesysUp.loggingListener());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try (stack;
                                    totesys;
                                    schedule) {
                                // closed in reverse order: schedule, database, S3
                            } catch (Exception e) {
                                System.err.println("sluice totesys serve: stop failed: " + e);
                            } finally {
                                stopped.countDown();
                            }
                        },
                        "sluice-totesys-serve-shutdown"));
        totesys.describe().forEach(out::println);
        out.println("  S3 endpoint : " + stack.endpoint() + "  (bucket " + LocalTotesys.INGESTION_BUCKET + ")");
        out.println("ready");
        stopped.await();
        return ExitCode.OK.code();
    }
}
