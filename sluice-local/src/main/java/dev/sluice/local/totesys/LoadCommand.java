package dev.sluice.local.totesys;

import dev.sluice.etl.load.LoadException;
import dev.sluice.etl.transform.TransformException;
import dev.sluice.local.command.CliException;
import dev.sluice.local.command.ExitCode;
import dev.sluice.local.command.StdStreams;
import dev.sluice.testkit.LocalClients;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.FlywayException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code sluice totesys load}: loads every processed batch not yet in the warehouse (the Lambda's code). */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Migrates the warehouse schema if needed, then loads every processed batch not yet loaded, in"
                + " order, each in one transaction recorded in etl_batch.")
public final class LoadCommand implements Callable<Integer> {

    @Mixin
    StarCommandOptions options;

    private final StdStreams std;

    public LoadCommand(StdStreams std) {
        this.std = std;
    }

    @Override
    public Integer call() {
        try (S3Client s3 = LocalClients.s3(options.s3Endpoint)) {
            String summary = LocalStar.loader(
                            s3, options.processedBucket, options.warehouseUrl(), options.user, options.password)
                    .run()
                    .describe();
            new PrintStream(std.out(), true, StandardCharsets.UTF_8).println(summary);
            return ExitCode.OK.code();
        } catch (LoadException | TransformException | FlywayException e) {
            throw new CliException(ExitCode.IO, e.getMessage(), e);
        } catch (SdkException e) {
            throw new CliException(
                    ExitCode.IO,
                    "S3 at " + options.s3Endpoint + ": " + e.getMessage()
                            + " (is ./sluice up running? or pass --s3-endpoint)",
                    e);
        }
    }
}
