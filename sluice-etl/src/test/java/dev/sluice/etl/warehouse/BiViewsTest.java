package dev.sluice.etl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.etl.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** V2: the facts' 'current' views and the contiguous calendar a BI tool charts gaps against. */
class BiViewsTest {

    private static TestPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = TestPostgres.start();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void currentViewsKeepOnlyTheLatestVersionOfEachOrderAndPayment() throws SQLException {
        TestPostgres.Db db = postgres.newDatabase();
        WarehouseSchema.migrate(db.dataSource());
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute(salesVersion(1, "2024-01-01", "10:00", 5));
            s.execute(salesVersion(1, "2024-01-02", "09:00", 7)); // newer day, earlier time: still the latest
            s.execute(salesVersion(2, "2024-01-01", "10:00", 3));
            s.execute("""
                    INSERT INTO fact_payment (payment_id, created_date, created_time, last_updated_date,
                        last_updated_time, transaction_id, counterparty_id, payment_amount, currency_id,
                        payment_type_id, paid, payment_date)
                    VALUES (9, '2024-01-01', '10:00', '2024-01-01', '10:00', 1, 1, 10.00, 1, 1, false, '2024-01-05'),
                           (9, '2024-01-01', '10:00', '2024-01-01', '11:00', 1, 1, 10.00, 1, 1, true, '2024-01-05')""");

            assertThat(rows(s, "SELECT sales_order_id, units_sold FROM fact_sales_order_current ORDER BY 1"))
                    .containsExactly("1|7", "2|3");
            assertThat(rows(s, "SELECT payment_id, paid FROM fact_payment_current"))
                    .containsExactly("9|t");
            assertThat(rows(s, "SELECT count(*) FROM fact_purchase_order_current"))
                    .containsExactly("0");
        }
    }

    @Test
    void theCalendarIsContiguousOverItsConfiguredRangeAndWidensToCoverDimDate() throws SQLException {
        TestPostgres.Db db = postgres.newDatabase();
        WarehouseSchema.migrate(
                db.dataSource(),
                new WarehouseSchema.CalendarRange(LocalDate.of(2024, 2, 27), LocalDate.of(2024, 3, 2)));
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            assertThat(rows(s, "SELECT date_id, day_of_week, day_name, month_name, quarter FROM dim_date_calendar"))
                    .as("every day of the range, leap day included, with dim_date's attributes (ISO weekday)")
                    .containsExactly(
                            "2024-02-27|2|Tuesday|February|1",
                            "2024-02-28|3|Wednesday|February|1",
                            "2024-02-29|4|Thursday|February|1",
                            "2024-03-01|5|Friday|March|1",
                            "2024-03-02|6|Saturday|March|1");

            s.execute("INSERT INTO dim_date VALUES ('2024-03-05', 2024, 3, 5, 2, 'Tuesday', 'March', 1)");
            assertThat(rows(s, "SELECT count(*), max(date_id) FROM dim_date_calendar"))
                    .as("a loaded date past the range widens it, with no gap")
                    .containsExactly("8|2024-03-05");

            s.execute("UPDATE bi_calendar_range SET start_date = '2024-01-01'");
            assertThat(rows(s, "SELECT min(date_id) FROM dim_date_calendar")).containsExactly("2024-01-01");
            assertThatThrownBy(
                            () -> s.execute("INSERT INTO bi_calendar_range VALUES (true, '2024-01-01', '2024-01-02')"))
                    .as("one range only")
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsRejected() {
        assertThatThrownBy(() -> new WarehouseSchema.CalendarRange(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("calendar range starts after it ends: 2024-02-01 > 2024-01-01");
    }

    private static String salesVersion(int id, String updatedDate, String updatedTime, int units) {
        return "INSERT INTO fact_sales_order (sales_order_id, created_date, created_time, last_updated_date,"
                + " last_updated_time, sales_staff_id, counterparty_id, units_sold, unit_price, currency_id, design_id,"
                + " agreed_payment_date, agreed_delivery_date, agreed_delivery_location_id) VALUES (" + id
                + ", '2024-01-01', '10:00', '" + updatedDate + "', '" + updatedTime + "', 1, 1, " + units
                + ", 2.50, 1, 1, '2024-01-05', '2024-01-06', 1)";
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
