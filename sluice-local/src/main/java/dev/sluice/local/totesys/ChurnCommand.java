package dev.sluice.local.totesys;

import dev.sluice.local.command.CliException;
import dev.sluice.local.command.ExitCode;
import dev.sluice.local.command.StdStreams;
import dev.sluice.testkit.totesys.TotesysChurn;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sluice totesys churn}: random inserts and updates, so the next extract has something to carry. */
@Command(
        name = "churn",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Applies K random changes in one transaction: new orders, payments and transactions, repriced"
                + " orders, settled payments, and dimension changes (a department renamed, a staff member moved, an"
                + " address changed). Every changed row gets a fresh last_updated.")
public final class ChurnCommand implements Callable<Integer> {

    @Mixin
    TotesysOptions db;

    @Option(
            names = "--changes",
            paramLabel = "K",
            defaultValue = "100",
            description = "How many changes (default: ${DEFAULT-VALUE}).")
    int changes;

    @Option(
            names = "--seed",
            paramLabel = "S",
            description = "Random seed (default: derived from the database's latest last_updated).")
    Long seed;

    private final StdStreams std;

    public ChurnCommand(StdStreams std) {
        this.std = std;
    }

    @Override
    public Integer call() throws SQLException {
        if (changes < 1) {
            throw new CliException(ExitCode.USAGE, "--changes must be at least 1, got " + changes, null);
        }
        PrintStream out = new PrintStream(std.out(), true, StandardCharsets.UTF_8);
        try (Connection c = db.connect()) {
            TotesysChurn.Result result;
            try {
                result = TotesysChurn.apply(c, changes, seed, Clock.systemUTC());
            } catch (IllegalStateException e) {
                throw new CliException(ExitCode.USAGE, e.getMessage(), e);
            }
            out.printf(
                    "applied %d changes to %d rows, last_updated %s .. %s%n",
                    result.changes(), result.rowsTouched(), result.first(), result.last());
            result.touched().forEach((table, ids) -> out.printf("  %-15s %6d rows%n", table, ids.size()));
        }
        return ExitCode.OK.code();
    }
}
