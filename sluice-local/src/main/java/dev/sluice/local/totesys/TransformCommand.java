package dev.sluice.local.totesys;

import dev.sluice.etl.transform.TransformException;
import dev.sluice.local.command.CliException;
import dev.sluice.local.command.ExitCode;
import dev.sluice.local.command.StdStreams;
import dev.sluice.testkit.LocalClients;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code sluice totesys transform}: transforms every ingestion batch not yet transformed (the Lambda's code). */
@Command(
        name = "transform",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Transforms every ingestion batch not yet transformed, in order, into star-schema Parquet:"
                + " processed/<table>/batch=<id>/<table>.parquet, then the processed manifest, then the state.")
public final class TransformCommand implements Callable<Integer> {

    @Mixin
    StarCommandOptions options;

    private final StdStreams std;

    public TransformCommand(StdStreams std) {
        this.std = std;
    }

    @Override
    public Integer call() {
        try (S3Client s3 = LocalClients.s3(options.s3Endpoint)) {
            String summary = LocalStar.transformer(s3, options.ingestionBucket, options.processedBucket)
                    .run()
                    .describe();
            new PrintStream(std.out(), true, StandardCharsets.UTF_8).println(summary);
            return ExitCode.OK.code();
        } catch (TransformException e) {
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
