package dev.sluice.local.totesys;

import dev.sluice.local.command.CliException;
import dev.sluice.local.command.ExitCode;
import dev.sluice.local.command.StdStreams;
import dev.sluice.testkit.totesys.TotesysGenerator;
import dev.sluice.testkit.totesys.TotesysSchema;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sluice totesys seed}: migrate the schema and fill it with deterministic data. */
@Command(
        name = "seed",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Migrates the Totesys schema (Flyway) and fills the empty tables with deterministic data: the"
                + " same --scale and --seed always give the same rows. Scale 1 is about the seed fixtures (50 sales"
                + " orders); scale 100 about 5,000 sales orders with their payments, transactions and purchase orders.")
public final class SeedCommand implements Callable<Integer> {

    @Mixin
    TotesysOptions db;

    @Option(
            names = "--scale",
            paramLabel = "N",
            defaultValue = "1",
            description = "Data size (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "" + TotesysGenerator.DEFAULT_SEED,
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--reset",
            description = "Empty every Totesys table first (otherwise non-empty tables are refused).")
    boolean reset;

    private final StdStreams std;

    public SeedCommand(StdStreams std) {
        this.std = std;
    }

    @Override
    public Integer call() throws SQLException {
        if (scale < 1) {
            throw new CliException(ExitCode.USAGE, "--scale must be at least 1, got " + scale, null);
        }
        PrintStream out = new PrintStream(std.out(), true, StandardCharsets.UTF_8);
        long started = System.nanoTime();
        try (Connection c = db.connect()) {
            int migrations = TotesysSchema.migrate(db.jdbcUrl(), db.user, db.password);
            if (reset) {
                TotesysGenerator.truncate(c);
            }
            Map<String, Long> rows;
            try {
                rows = TotesysGenerator.seed(c, scale, seed);
            } catch (IllegalStateException e) {
                throw new CliException(ExitCode.USAGE, e.getMessage(), e);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long total = rows.values().stream().mapToLong(Long::longValue).sum();
            out.printf(
                    "seeded %s at scale %d (seed %d, %d migration(s) applied): %d rows in %.2f s (%.0f rows/s)%n",
                    db.jdbcUrl(), scale, seed, migrations, total, seconds, total / seconds);
            rows.forEach((table, n) -> out.printf("  %-15s %9d%n", table, n));
        }
        return ExitCode.OK.code();
    }
}
