package dev.sluice.etl.totesys;

import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The Totesys source schema: its tables and the versioned migration that creates them. */
public final class TotesysSchema {

    /** The 11 source tables, in an order where every table comes after the tables it references. */
    public static final List<String> TABLES = List.of(
            "currency", "payment_type", "department", "address", "design", "counterparty", "staff",
            "sales_order", "purchase_order", "transaction", "payment");

    static final String MIGRATIONS = "classpath:db/totesys";

    private TotesysSchema() {
    }

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
