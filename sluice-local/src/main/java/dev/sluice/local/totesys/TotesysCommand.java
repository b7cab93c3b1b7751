package dev.sluice.local.totesys;

import dev.sluice.local.command.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice totesys}: the Totesys source database and its extract, locally. */
@Command(
        name = "totesys",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        synopsisHeading = "Usage: ",
        description = "The Totesys source database (seed, churn, serve), the incremental extract into S3, and the"
                + " star-schema transform, warehouse load and report.",
        subcommands = {
            SeedCommand.class,
            ChurnCommand.class,
            ExtractCommand.class,
            ServeCommand.class,
            TransformCommand.class,
            LoadCommand.class,
            ReportCommand.class
        })
public final class TotesysCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }
}
