package dev.sluice.local.totesys;

import dev.sluice.local.cli.CliException;
import dev.sluice.local.cli.ExitCode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import picocli.CommandLine.Option;

/** Connection flags shared by the {@code totesys} commands; the defaults reach {@code ./sluice up}'s database. */
final class TotesysOptions {

    @Option(
            names = "--jdbc-url",
            paramLabel = "URL",
            defaultValue = "jdbc:postgresql://127.0.0.1:" + LocalTotesys.DEFAULT_PG_PORT + "/" + LocalTotesys.TOTESYS,
            description = "The Totesys database (default: ${DEFAULT-VALUE}, the one ./sluice up starts).")
    String jdbcUrl;

    @Option(
            names = "--db-user",
            paramLabel = "NAME",
            defaultValue = LocalTotesys.USER,
            description = "Database user (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(
            names = "--db-password",
            paramLabel = "SECRET",
            defaultValue = "${env:SLUICE_DB_PASSWORD:-" + LocalTotesys.PASSWORD + "}",
            description = "Database password (default: $SLUICE_DB_PASSWORD, else the local stack's).")
    String password;

    Connection connect() {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        try {
            return DriverManager.getConnection(jdbcUrl, properties);
        } catch (SQLException e) {
            throw new CliException(
                    ExitCode.IO,
                    "cannot connect to " + jdbcUrl + " as " + user + ": " + e.getMessage()
                            + " (is ./sluice up running? or pass --jdbc-url)",
                    e);
        }
    }
}
