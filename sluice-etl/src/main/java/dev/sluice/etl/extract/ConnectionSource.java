package dev.sluice.etl.extract;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens connections to the Totesys database. */
@FunctionalInterface
public interface ConnectionSource {

    Connection open() throws SQLException;

    /** A fixed JDBC URL and credentials (local embedded database, CLI flags). */
    static ConnectionSource of(String jdbcUrl, String user, String password) {
        return () -> {
            Properties properties = new Properties();
            properties.setProperty("user", user);
            properties.setProperty("password", password);
            return DriverManager.getConnection(jdbcUrl, properties);
        };
    }
}
