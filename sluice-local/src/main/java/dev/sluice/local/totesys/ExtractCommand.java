package dev.sluice.local.totesys;

import dev.sluice.etl.extract.ConnectionSource;
import dev.sluice.etl.extract.ExtractConfig;
import dev.sluice.etl.extract.ExtractConfigException;
import dev.sluice.etl.extract.ExtractException;
import dev.sluice.etl.extract.ExtractSummary;
import dev.sluice.etl.extract.Extractor;
import dev.sluice.local.command.CliException;
import dev.sluice.local.command.ExitCode;
import dev.sluice.local.command.StdStreams;
import dev.sluice.testkit.LocalClients;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code sluice totesys extract}: one extract run now, by the same code as the Lambda function. */
@Command(
        name = "extract",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Runs one incremental extract now (the Lambda's code): new and changed rows of every table go to"
                + " ingestion/<table>/batch=<id>/<table>.csv, then the batch manifest, then the state. Prints the batch"
                + " summary; with no change since the last batch it writes nothing.")
public final class ExtractCommand implements Callable<Integer> {

    @Mixin
    TotesysOptions db;

    @Option(
            names = "--s3-endpoint",
            paramLabel = "URL",
            defaultValue = "http://127.0.0.1:4566",
            description = "S3 endpoint (default: ${DEFAULT-VALUE}, the one ./sluice up starts).")
    URI s3Endpoint;

    @Option(
            names = "--bucket",
            paramLabel = "NAME",
            defaultValue = LocalTotesys.INGESTION_BUCKET,
            description = "Ingestion bucket, created if missing (default: ${DEFAULT-VALUE}).")
    String bucket;

    @Option(
            names = "--tables",
            paramLabel = "LIST",
            split = ",",
            description = "Allow-list of tables (default: all 11 Totesys tables).")
    List<String> tables;

    @Option(
            names = "--fetch-size",
            paramLabel = "ROWS",
            defaultValue = "" + ExtractConfig.DEFAULT_FETCH_SIZE,
            description = "Rows per cursor fetch (default: ${DEFAULT-VALUE}).")
    int fetchSize;

    private final StdStreams std;

    public ExtractCommand(StdStreams std) {
        this.std = std;
    }

    @Override
    public Integer call() {
        ExtractConfig config;
        try {
            ExtractConfig defaults = ExtractConfig.totesys(bucket);
            config = new ExtractConfig(
                    bucket,
                    defaults.prefix(),
                    defaults.schema(),
                    tables == null ? defaults.tables() : tables,
                    fetchSize);
        } catch (ExtractConfigException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage(), e);
        }
        try (S3Client s3 = LocalClients.s3(s3Endpoint)) {
            LocalTotesys.ensureBucket(s3, bucket);
            Extractor extractor = new Extractor(
                    config, ConnectionSource.of(db.jdbcUrl(), db.user, db.password), s3, Clock.systemUTC());
            ExtractSummary summary = extractor.run();
            new PrintStream(std.out(), true, StandardCharsets.UTF_8).println(summary.describe());
            return ExitCode.OK.code();
        } catch (ExtractConfigException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage(), e);
        } catch (ExtractException e) {
            throw new CliException(ExitCode.IO, e.getMessage(), e);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw new CliException(
                    ExitCode.IO,
                    "S3 at " + s3Endpoint + ": " + e.getMessage() + " (is ./sluice up running? or pass --s3-endpoint)",
                    e);
        }
    }
}
