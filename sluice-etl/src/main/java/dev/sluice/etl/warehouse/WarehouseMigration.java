package dev.sluice.etl.warehouse;

import dev.sluice.etl.extract.ConnectionSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings the warehouse schema up to date before the first load of an execution environment (a cold start), so a
 * fresh {@code terraform apply} needs no separate migration step.
 *
 * <p>Once per instance: the first successful {@link #ensureMigrated()} is remembered; a failed one is not, so the
 * next invocation tries again. Safe under concurrency: several cold starts against one database serialise on a
 * session-level PostgreSQL advisory lock ({@link #LOCK_KEY}) taken on a connection of its own, around the whole of
 * Flyway. Flyway's own lock is taken only once its history table exists, so two Flyways racing on an EMPTY database
 * can both try to create {@code flyway_schema_history}; holding our lock around Flyway closes that window without
 * depending on Flyway internals. The lock is released when its connection closes, so a killed Lambda cannot leave
 * it held.
 */
public final class WarehouseMigration {

    /** The advisory lock's key text (hashed by PostgreSQL); distinct from the load's per-batch lock. */
    public static final String LOCK_KEY = "sluice.etl.warehouse.migrate";

    private static final String LOCK = "SELECT pg_advisory_lock(hashtext('" + LOCK_KEY + "'))";
    private static final String UNLOCK = "SELECT pg_advisory_unlock(hashtext('" + LOCK_KEY + "'))";

    private final ConnectionSource warehouse;
    private final Object guard = new Object();
    private volatile boolean migrated;

    public WarehouseMigration(ConnectionSource warehouse) {
        this.warehouse = warehouse;
    }

    /**
     * Applies any pending warehouse migration, at most once per instance; returns how many were applied by this
     * call (0 when already done, here or by another instance).
     */
    public int ensureMigrated() {
        if (migrated) {
            return 0;
        }
        synchronized (guard) {
            if (migrated) {
                return 0;
            }
            int applied = migrateUnderLock();
            migrated = true;
            return applied;
        }
    }

    public boolean migrated() {
        return migrated;
    }

    private int migrateUnderLock() {
        try (Connection lockHolder = warehouse.open()) {
            try (Statement lock = lockHolder.createStatement()) {
                lock.execute(LOCK);
            }
            try {
                return WarehouseSchema.migrate(new SingleSourceDataSource(warehouse));
            } finally {
                try (Statement unlock = lockHolder.createStatement()) {
                    unlock.execute(UNLOCK);
                }
            }
        } catch (SQLException | FlywayException e) {
            throw new WarehouseMigrationException("warehouse migration failed: " + e.getMessage(), e);
        }
    }

    /** Flyway wants a DataSource; ours opens connections through the (secret-reading) connection source. */
    private record SingleSourceDataSource(ConnectionSource source) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return source.open();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("credentials come from the connection source");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // no JDBC log writer: Flyway logs through slf4j
        }

        @Override
        public void setLoginTimeout(int seconds) {
            // the connection source sets its own connect timeout
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
