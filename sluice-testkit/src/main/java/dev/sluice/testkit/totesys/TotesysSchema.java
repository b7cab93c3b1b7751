package dev.sluice.testkit.totesys;

import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** The Totesys source schema: its tables and the versioned migration that creates them. */
public final class TotesysSchema {

    /** The 11 source tables, in an order where every table comes after the tables it references. */
    public static final List<String> TABLES = List.of(
            "currency",
            "payment_type",
            "department",
            "address",
            "design",
            "counterparty",
            "staff",
            "sales_order",
            "purchase_order",
            "transaction",
            "payment");

    static final String MIGRATIONS = "classpath:db/totesys";

    private TotesysSchema() {}

    /** Applies the pending migrations to the database's default schema; returns how many were applied. */
    public static int migrate(DataSource dataSource) {
        return migrate(Flyway.configure().dataSource(dataSource));
    }

    public static int migrate(String jdbcUrl, String user, String password) {
        return migrate(Flyway.configure().dataSource(jdbcUrl, user, password));
    }

    private static int migrate(FluentConfiguration configuration) {
        return configuration.locations(MIGRATIONS).loggers("slf4j").load().migrate().migrationsExecuted;
    }
}
