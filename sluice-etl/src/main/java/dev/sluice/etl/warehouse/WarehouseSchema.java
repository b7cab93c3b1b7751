package dev.sluice.etl.warehouse;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The warehouse's versioned migration (star schema and the {@code etl_batch} ledger). */
public final class WarehouseSchema {

    static final String MIGRATIONS = "classpath:db/warehouse";

    private WarehouseSchema() {}

    /** Applies the pending migrations to the database's default schema; returns how many were applied. */
    public static int migrate(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .loggers("slf4j")
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
