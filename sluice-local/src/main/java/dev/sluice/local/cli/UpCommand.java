package dev.sluice.local.cli;

import dev.sluice.aws.config.ConfigSource;
import dev.sluice.aws.config.ConfigurationException;
import dev.sluice.lambda.dynamodb.ReportKeys;
import dev.sluice.lambda.filter.FilterConfig;
import dev.sluice.lambda.runtime.S3ErrorReports;
import dev.sluice.local.command.CliException;
import dev.sluice.local.command.ExitCode;
import dev.sluice.local.command.StdStreams;
import dev.sluice.local.console.ConsoleServer;
import dev.sluice.local.console.ErrorReportsEndpoint;
import dev.sluice.local.console.LocalConsole;
import dev.sluice.local.console.PipelineActivity;
import dev.sluice.local.stack.DynamoDbStack;
import dev.sluice.local.stack.FilterStack;
import dev.sluice.local.stack.LocalStack;
import dev.sluice.local.totesys.LocalStateMismatchException;
import dev.sluice.local.totesys.LocalTotesys;
import dev.sluice.local.totesys.TotesysUp;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sluice up}: the pipeline on the embedded local stack, until Ctrl-C. */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Runs all four Sluice pipelines locally, on 127.0.0.1 only, with the same code as the Lambda functions:",
            "  1. CSV filter: every *.csv created in the source bucket is filtered into the filtered bucket (rule from"
                    + " FILTER_THRESHOLD, FILTER_OP, FILTER_COLUMNS, FILTER_MATCH, OUTPUT_PREFIX, as for the Lambda).",
            "  2. CSV -> DynamoDB: every *.csv in the loader's bucket is loaded into a DynamoDB Local table (rejected rows"
                    + " and files reported in the errors bucket).",
            "  3. File metadata: every object in the metadata bucket gets a JSON summary (size, type, CSV profile).",
            "  4. Totesys ETL: an embedded PostgreSQL holds the Totesys source and the warehouse; the extract runs every"
                    + " --extract-every seconds, then transform (Parquet star schema) and load.",
            "S3 is an S3-compatible endpoint (any access key). State survives restarts in --data-dir. Stop with Ctrl-C:"
                    + " running files finish, queued events run at the next start."
        })
public final class UpCommand implements Callable<Integer> {

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "4566",
            description = "S3 endpoint port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = ".sluice",
            description =
                    "Where buckets, pending events, DynamoDB tables and the PostgreSQL cluster (totesys, warehouse)"
                            + " are kept across restarts; delete it to start over (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--source-bucket",
            paramLabel = "NAME",
            defaultValue = FilterStack.SOURCE_BUCKET,
            description = "Bucket watched for new CSV files (default: ${DEFAULT-VALUE}).")
    String sourceBucket;

    @Option(
            names = "--filtered-bucket",
            paramLabel = "NAME",
            defaultValue = FilterStack.FILTERED_BUCKET,
            description = "Bucket receiving the filtered files (default: ${DEFAULT-VALUE}).")
    String filteredBucket;

    @Option(
            names = "--dynamodb-port",
            paramLabel = "PORT",
            defaultValue = "8000",
            description =
                    "DynamoDB Local port on 127.0.0.1 for the CSV -> DynamoDB loader (default: ${DEFAULT-VALUE}).")
    int dynamoDbPort;

    @Option(
            names = "--pg-port",
            paramLabel = "PORT",
            defaultValue = "5433",
            description = "Embedded PostgreSQL port on 127.0.0.1 (databases totesys and warehouse, user/password "
                    + "sluice/sluice; default: ${DEFAULT-VALUE}; 0 = any free port).")
    int pgPort;

    @Option(
            names = "--extract-every",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description =
                    "Run the Totesys extract (then transform and load) every SECONDS (default: ${DEFAULT-VALUE}).")
    int extractEverySeconds;

    @Option(
            names = "--console-port",
            paramLabel = "PORT",
            defaultValue = "" + ConsoleServer.DEFAULT_PORT,
            description = "Web console port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 = any free port; the banner"
                    + " prints the URL).")
    int consolePort;

    private final StdStreams std;
    private DynamoDbStack dynamoDb;
    private TotesysUp totesys;
    private ConsoleServer console;

    public UpCommand(StdStreams std) {
        this.std = std;
    }

    @Override
    public Integer call() throws Exception {
        FilterConfig config;
        try {
            config = FilterStack.config(sourceBucket, filteredBucket, ConfigSource.environment());
        } catch (ConfigurationException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage(), e);
        }
        dynamoDb = startDynamoDb();
        if (extractEverySeconds < 1) {
            throw new CliException(
                    ExitCode.USAGE, "--extract-every must be at least 1 second, got " + extractEverySeconds, null);
        }
        LocalStack stack;
        try {
            stack = start(config);
        } catch (Exception e) {
            dynamoDb.close();
            throw e;
        }
        PipelineActivity activity = new PipelineActivity(
                Clock.systemUTC(),
                List.of(FilterStack.ROUTE, DynamoDbStack.LOADER_ROUTE, DynamoDbStack.METADATA_ROUTE));
        stack.addListener(activity);
        try {
            totesys = TotesysUp.start(stack.s3(), pgPort, Duration.ofSeconds(extractEverySeconds), dataDir, activity);
        } catch (LocalStateMismatchException e) {
            stack.close();
            dynamoDb.close();
            throw new CliException(ExitCode.USAGE, e.getMessage(), e);
        } catch (Exception e) {
            stack.close();
            dynamoDb.close();
            throw new CliException(
                    ExitCode.IO,
                    "cannot start the embedded PostgreSQL in "
                            + dataDir.resolve(TotesysUp.POSTGRES_FOLDER) + " on 127.0.0.1:" + pgPort
                            + " (is the port in use? try --pg-port): " + e.getMessage(),
                    e);
        }
        try {
            console = LocalConsole.start(
                    consolePort,
                    stack,
                    activity,
                    reportLocations(config),
                    Optional.of(new LocalConsole.Etl(
                            LocalTotesys.INGESTION_BUCKET, totesys.totesys().warehouse())));
        } catch (java.io.IOException e) {
            closeQuietly(totesys);
            closeQuietly(stack);
            closeQuietly(dynamoDb);
            throw new CliException(
                    ExitCode.IO,
                    "cannot start the console on 127.0.0.1:" + consolePort
                            + " (is the port in use? try --console-port): " + e.getMessage(),
                    e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> stopQuietly(stack, stopped), "sluice-up-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        printBanner(
                new PrintStream(std.out(), true, java.nio.charset.StandardCharsets.UTF_8),
                stack,
                config,
                dynamoDb,
                totesys,
                console);
        try {
            stopped.await(); // until Ctrl-C (the hook) or an interrupt
        } catch (InterruptedException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            stopQuietly(stack, stopped);
            Thread.currentThread().interrupt();
        }
        return ExitCode.OK.code();
    }

    private LocalStack start(FilterConfig config) throws Exception {
        try {
            return dynamoDb.register(FilterStack.register(
                            LocalStack.builder().port(port).dataDir(dataDir), sourceBucket, config))
                    .start();
        } catch (java.io.IOException e) {
            throw new CliException(
                    ExitCode.IO,
                    "cannot start the local stack on 127.0.0.1:" + port + " (is the port in use? try --port): "
                            + e.getMessage(),
                    e);
        }
    }

    private DynamoDbStack startDynamoDb() throws Exception {
        try {
            return DynamoDbStack.start(
                    dynamoDbPort, Optional.of(dataDir), dev.sluice.aws.config.ConfigSource.environment());
        } catch (ConfigurationException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new CliException(ExitCode.IO, e.getMessage(), e);
        }
    }

    private void stopQuietly(LocalStack stack, CountDownLatch stopped) {
        System.err.println("sluice up: stopping (running files and the running Totesys stage finish; queued events"
                + " run at the next start)...");
        try {
            console.close();
            closeQuietly(totesys); // first: a running stage finishes before S3 goes away
            closeQuietly(stack);
            closeQuietly(dynamoDb);
        } finally {
            stopped.countDown();
        }
    }

    /** One failed stop must not keep the others from stopping. */
    private static void closeQuietly(AutoCloseable component) {
        try {
            component.close();
        } catch (Exception e) {
            System.err.println("sluice up: stop failed: " + e);
        }
    }

    /** Where the functions of this stack write their error reports (the console lists them). */
    static List<ErrorReportsEndpoint.Location> reportLocations(FilterConfig config) {
        return List.of(
                new ErrorReportsEndpoint.Location(config.destinationBucket(), S3ErrorReports.DEFAULT_PREFIX),
                new ErrorReportsEndpoint.Location(DynamoDbStack.ERRORS_BUCKET, ReportKeys.PREFIX),
                new ErrorReportsEndpoint.Location(DynamoDbStack.METADATA_BUCKET, S3ErrorReports.DEFAULT_PREFIX));
    }

    static void printBanner(
            PrintStream out,
            LocalStack stack,
            FilterConfig config,
            DynamoDbStack dynamoDb,
            TotesysUp totesys,
            ConsoleServer console) {
        String ep = stack.endpoint().toString();
        String source = config.sourceBucket().orElseThrow();
        String filtered = config.destinationBucket();
        out.println("Sluice local stack is up.");
        out.println("  Console     : " + console.url() + "  (pipeline status, ETL health, warehouse dashboards)");
        out.println("  S3 endpoint : " + ep + "  (any access key works, e.g. test/test; region us-east-1)");
        out.println("  Buckets     : " + source + "  --[*.csv -> filter: "
                + config.rule().describe() + "]-->  " + filtered);
        dynamoDb.printBanner(out);
        totesys.banner().forEach(out::println);
        out.println("  Data        : " + stack.dataDir() + "  (dead letters: " + stack.deadLetterDir() + ")");
        out.println();
        out.println("Try it:");
        out.println("  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1");
        out.println("  aws --endpoint-url " + ep + " s3 cp data.csv s3://" + source + "/data.csv");
        out.println(
                "  aws --endpoint-url " + ep + " s3 cp s3://" + filtered + "/" + config.outputKey("data.csv") + " -");
        out.println();
        out.println("Press Ctrl-C to stop.");
    }
}
