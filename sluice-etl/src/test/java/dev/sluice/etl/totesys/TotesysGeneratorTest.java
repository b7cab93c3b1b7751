package dev.sluice.etl.totesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.etl.testing.TestPostgres;
import dev.sluice.testkit.totesys.TotesysChurn;
import dev.sluice.testkit.totesys.TotesysGenerator;
import dev.sluice.testkit.totesys.TotesysSchema;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TotesysGeneratorTest {

    static TestPostgres postgres;
    static TestPostgres.Db seeded;

    @BeforeAll
    static void start() throws Exception {
        postgres = TestPostgres.start();
        seeded = postgres.newTotesys();
        try (Connection c = seeded.connect()) {
            TotesysGenerator.seed(c, 1, TotesysGenerator.DEFAULT_SEED);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void migrationCreatesTheElevenTablesWithPrimaryKeysAndForeignKeys() throws SQLException {
        try (Connection c = seeded.connect()) {
            assertThat(strings(c, "SHOW server_version").getFirst())
                    .as("zonky binaries from the parent POM")
                    .startsWith("17.");
            assertThat(strings(c, "SELECT version::text FROM flyway_schema_history WHERE success"))
                    .containsExactly("1");
            assertThat(strings(
                            c,
                            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                                    + " AND table_name <> 'flyway_schema_history' ORDER BY 1"))
                    .containsExactlyInAnyOrderElementsOf(TotesysSchema.TABLES);
            assertThat(strings(
                            c,
                            "SELECT tc.table_name FROM information_schema.table_constraints tc"
                                    + " WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = 'public'"
                                    + " AND tc.table_name <> 'flyway_schema_history'"))
                    .hasSize(11);
            assertThat(strings(
                            c,
                            "SELECT tc.table_name || '.' || kcu.column_name FROM information_schema.table_constraints tc"
                                    + " JOIN information_schema.key_column_usage kcu USING (constraint_schema, constraint_name)"
                                    + " WHERE tc.constraint_type = 'FOREIGN KEY'"))
                    .contains(
                            "counterparty.legal_address_id",
                            "staff.department_id",
                            "sales_order.design_id",
                            "sales_order.agreed_delivery_location_id",
                            "payment.transaction_id",
                            "payment.payment_type_id",
                            "transaction.sales_order_id",
                            "purchase_order.currency_id");
            assertThat(strings(
                            c,
                            "SELECT DISTINCT data_type FROM information_schema.columns WHERE table_schema = 'public'"
                                    + " AND column_name IN ('created_at', 'last_updated')"))
                    .containsExactly("timestamp without time zone");
        }
    }

    @Test
    void scaleOneHasAboutTheSeedFixtureSizes() throws SQLException {
        try (Connection c = seeded.connect()) {
            assertThat(count(c, "currency")).isEqualTo(3);
            assertThat(count(c, "department")).isEqualTo(8);
            assertThat(count(c, "address")).isEqualTo(30);
            assertThat(count(c, "counterparty")).isEqualTo(20);
            assertThat(count(c, "staff")).isEqualTo(20);
            assertThat(count(c, "sales_order")).isEqualTo(50);
            assertThat(count(c, "transaction")).isEqualTo(85);
            assertThat(count(c, "payment")).isEqualTo(85);
        }
        assertThat(TotesysGenerator.Sizes.of(100).salesOrders()).isEqualTo(5_000);
    }

    @Test
    void sameScaleAndSeedGiveTheSameRowsAndAnotherSeedDoesNot() throws Exception {
        TestPostgres.Db again = postgres.newTotesys();
        TestPostgres.Db other = postgres.newTotesys();
        try (Connection a = seeded.connect();
                Connection b = again.connect();
                Connection o = other.connect()) {
            TotesysGenerator.seed(b, 1, TotesysGenerator.DEFAULT_SEED);
            TotesysGenerator.seed(o, 1, 7L);
            assertThat(digest(b)).isEqualTo(digest(a));
            assertThat(digest(o)).isNotEqualTo(digest(a));
        }
    }

    @Test
    void everyForeignKeyPointsAtAnExistingRow() throws SQLException {
        try (Connection c = seeded.connect()) {
            assertThat(longValue(
                            c,
                            "SELECT count(*) FROM sales_order so LEFT JOIN design d USING (design_id)"
                                    + " WHERE d.design_id IS NULL"))
                    .isZero();
            assertThat(longValue(
                            c,
                            "SELECT count(*) FROM transaction WHERE (sales_order_id IS NULL)"
                                    + " = (purchase_order_id IS NULL)"))
                    .isZero();
            assertThat(longValue(c, "SELECT count(*) FROM transaction t JOIN payment p USING (transaction_id)"))
                    .isEqualTo(85);
        }
    }

    @Test
    void dataHasTheSeedFixturesAwkwardFacts() throws SQLException {
        try (Connection c = seeded.connect()) {
            // ids with gaps, and a scan without ORDER BY does not return them in order
            assertThat(longValue(c, "SELECT max(address_id) - count(*) FROM address"))
                    .isPositive();
            List<String> designScan = strings(c, "SELECT design_id::text FROM design LIMIT 20");
            assertThat(designScan)
                    .isNotEqualTo(designScan.stream()
                            .sorted((x, y) -> Integer.compare(Integer.parseInt(x), Integer.parseInt(y)))
                            .toList());
            assertThat(longValue(c, "SELECT min(sales_order_id) FROM sales_order"))
                    .isEqualTo(2);
            // apostrophes and commas in text
            assertThat(longValue(c, "SELECT count(*) FROM counterparty WHERE counterparty_legal_name LIKE '%,%'"))
                    .isPositive();
            assertThat(longValue(c, "SELECT count(*) FROM address WHERE country LIKE '%''%'"))
                    .isPositive();
            // leading zeros kept as text
            assertThat(longValue(
                            c,
                            "SELECT count(*) FROM payment WHERE company_ac_number LIKE '0%'"
                                    + " OR counterparty_ac_number LIKE '0%'"))
                    .isPositive();
            assertThat(longValue(c, "SELECT count(*) FROM address WHERE postal_code LIKE '0%'"))
                    .isPositive();
            // millisecond timestamps, many non-zero
            assertThat(longValue(
                            c,
                            "SELECT count(*) FROM sales_order"
                                    + " WHERE date_trunc('milliseconds', last_updated) <> last_updated"))
                    .isZero();
            assertThat(longValue(
                            c,
                            "SELECT count(*) FROM sales_order"
                                    + " WHERE date_trunc('seconds', created_at) <> created_at"))
                    .isPositive();
            // nullable address lines, some null and some not
            assertThat(longValue(c, "SELECT count(*) FROM address WHERE address_line_2 IS NULL"))
                    .isPositive();
            assertThat(longValue(c, "SELECT count(*) FROM address WHERE address_line_2 IS NOT NULL"))
                    .isPositive();
            assertThat(longValue(c, "SELECT count(*) FROM address WHERE district IS NULL"))
                    .isPositive();
        }
    }

    @Test
    void seedRefusesATableThatAlreadyHasRows() throws SQLException {
        try (Connection c = seeded.connect()) {
            assertThatThrownBy(() -> TotesysGenerator.seed(c, 1, 1L))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage(
                            "table currency already has rows; seed needs empty tables (use --reset to empty them first)");
        }
    }

    @Test
    void churnTouchesExactlyTheRowsItReportsAndBumpsTheirLastUpdated() throws SQLException {
        TestPostgres.Db db = postgres.newTotesys();
        try (Connection c = db.connect()) {
            TotesysGenerator.seed(c, 1, TotesysGenerator.DEFAULT_SEED);
            String before = maxLastUpdated(c);
            TotesysChurn.Result churn = TotesysChurn.apply(c, 300, 11L, Clock.systemUTC());
            assertThat(churn.touched()).containsKeys("department", "staff", "address", "sales_order", "payment");
            for (Map.Entry<String, Set<Integer>> entry : churn.touched().entrySet()) {
                String table = entry.getKey();
                List<String> changed = strings(
                        c,
                        "SELECT " + table + "_id::text FROM " + table + " WHERE last_updated > '" + before
                                + "'::timestamp ORDER BY 1");
                assertThat(changed)
                        .as(table)
                        .containsExactlyInAnyOrderElementsOf(
                                entry.getValue().stream().map(String::valueOf).toList());
            }
            assertThat(churn.first()).isAfter(java.time.LocalDateTime.parse(before.replace(' ', 'T')));
        }
    }

    private static String maxLastUpdated(Connection c) throws SQLException {
        return strings(
                        c,
                        "SELECT max(last_updated)::text FROM (SELECT last_updated FROM sales_order UNION ALL"
                                + " SELECT last_updated FROM payment UNION ALL SELECT last_updated FROM design UNION ALL"
                                + " SELECT last_updated FROM address UNION ALL SELECT last_updated FROM staff UNION ALL"
                                + " SELECT last_updated FROM purchase_order UNION ALL SELECT last_updated FROM counterparty"
                                + " UNION ALL SELECT last_updated FROM transaction UNION ALL SELECT last_updated FROM department) t")
                .getFirst();
    }

    /** A digest of every row of every table, in primary-key order, in PostgreSQL's text form. */
    private static String digest(Connection c) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String table : TotesysSchema.TABLES) {
            for (String row : strings(c, "SELECT t::text FROM " + table + " t ORDER BY 1")) {
                sha.update(row.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static long count(Connection c, String table) throws SQLException {
        return longValue(c, "SELECT count(*) FROM " + table);
    }

    private static long longValue(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
