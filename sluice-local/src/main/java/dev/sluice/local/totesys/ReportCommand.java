package dev.sluice.local.totesys;

import dev.sluice.local.command.CliException;
import dev.sluice.local.command.ExitCode;
import dev.sluice.local.command.StdStreams;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sluice totesys report}: the demo star-schema queries over the warehouse. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Prints units sold and revenue by month and currency, and the busiest staff member's record"
                + " and sales order history, from the warehouse.")
public final class ReportCommand implements Callable<Integer> {

    @Mixin
    StarCommandOptions options;

    private final StdStreams std;

    public ReportCommand(StdStreams std) {
        this.std = std;
    }

    @Override
    public Integer call() {
        try (Connection warehouse =
                DriverManager.getConnection(options.warehouseUrl(), options.user, options.password)) {
            StarReport.print(warehouse, new PrintStream(std.out(), true, StandardCharsets.UTF_8));
            return ExitCode.OK.code();
        } catch (SQLException e) {
            throw new CliException(
                    ExitCode.IO,
                    "warehouse " + options.warehouseUrl() + ": " + e.getMessage()
                            + " (is ./sluice up running, and has the load run? or pass --warehouse-url)",
                    e);
        }
    }
}
