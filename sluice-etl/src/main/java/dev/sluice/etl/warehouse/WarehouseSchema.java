package dev.sluice.etl.warehouse;

import java.time.LocalDate;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The warehouse's versioned migrations: the star schema and the {@code etl_batch} ledger (V1), then the BI views
 * (V2: the facts' 'current' views and the contiguous {@code dim_date_calendar}).
 */
public final class WarehouseSchema {

    static final String MIGRATIONS = "classpath:db/warehouse";

    /**
     * The calendar range V2 starts with: the Totesys seed data begins in November 2022, and a decade ahead is a few
     * thousand rows of a view. A warehouse already migrated keeps its range (change it in {@code bi_calendar_range}).
     */
    public static final CalendarRange DEFAULT_CALENDAR =
            new CalendarRange(LocalDate.of(2020, 1, 1), LocalDate.of(2035, 12, 31));

    /** The first and last day of {@code dim_date_calendar} (it widens itself to cover every date in dim_date). */
    public record CalendarRange(LocalDate first, LocalDate last) {
        public CalendarRange {
            if (first.isAfter(last)) {
                throw new IllegalArgumentException("calendar range starts after it ends: " + first + " > " + last);
            }
        }
    }

    private WarehouseSchema() {}

    /** Applies the pending migrations to the database's default schema; returns how many were applied. */
    public static int migrate(DataSource dataSource) {
        return migrate(dataSource, DEFAULT_CALENDAR);
    }

    /** As {@link #migrate(DataSource)}, with the calendar range a first migration of V2 starts with. */
    public static int migrate(DataSource dataSource, CalendarRange calendar) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .placeholders(Map.of(
                        "calendar_start", calendar.first().toString(),
                        "calendar_end", calendar.last().toString()))
                .loggers("slf4j")
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
