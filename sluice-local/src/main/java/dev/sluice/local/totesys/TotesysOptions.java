package dev.sluice.local.totesys;

import dev.sluice.local.command.CliException;
import dev.sluice.local.command.ExitCode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import picocli.CommandLine.Option;

/** Connection flags shared by the {@code totesys} commands; the defaults reach {@code ./sluice up}'s database. */
final class TotesysOptions {

    @Option(
            names = "--pg-port",
            paramLabel = "PORT",
            defaultValue = "" + LocalTotesys.DEFAULT_PG_PORT,
            description = "Port of ./sluice up's PostgreSQL on 127.0.0.1, as given to up --pg-port "
                    + "(default: ${DEFAULT-VALUE}).")
    int pgPort;

    @Option(
            names = "--jdbc-url",
            paramLabel = "URL",
            description = "The Totesys database (default: jdbc:postgresql://127.0.0.1:<pg-port>/" + LocalTotesys.TOTESYS
                    + ", the one ./sluice up starts).")
    String jdbcUrl;

    @Option(
            names = {"--db-user"},
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

    /** The database to use: {@code --jdbc-url}, else the local stack's on {@code --pg-port}. */
    String jdbcUrl() {
        return jdbcUrl != null ? jdbcUrl : LocalTotesys.localJdbcUrl(pgPort, LocalTotesys.TOTESYS);
    }

    Connection connect() {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        try {
            return DriverManager.getConnection(jdbcUrl(), properties);
        } catch (SQLException e) {
            throw new CliException(
                    ExitCode.IO,
                    "cannot connect to " + jdbcUrl() + " as " + user + ": " + e.getMessage()
                            + " (is ./sluice up running? or pass --jdbc-url)",
                    e);
        }
    }
}
