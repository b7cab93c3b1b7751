package dev.sluice.etl.load;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The star schema computed independently, by SQL directly over the source database (and java.util.Currency for
 * currency names), next to the same projection of the warehouse. Rows are compared as text, in key order.
 * Facts are compared on their latest version per source id (the warehouse keeps history, the source does not).
 */
final class StarSchemaOracle {

    private StarSchemaOracle() {}

    /** Expected (over the source) and actual (over the warehouse) query per table. */
    static final Map<String, String[]> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("dim_staff", new String[] {
            "SELECT s.staff_id, s.first_name, s.last_name, d.department_name, d.location, s.email_address "
                    + "FROM staff s JOIN department d ON d.department_id = s.department_id ORDER BY 1",
            "SELECT staff_id, first_name, last_name, department_name, location, email_address FROM dim_staff "
                    + "ORDER BY 1"
        });
        QUERIES.put("dim_location", new String[] {
            "SELECT address_id, address_line_1, address_line_2, district, city, postal_code, country, phone "
                    + "FROM address ORDER BY 1",
            "SELECT * FROM dim_location ORDER BY 1"
        });
        QUERIES.put("dim_counterparty", new String[] {
            "SELECT c.counterparty_id, c.counterparty_legal_name, a.address_line_1, a.address_line_2, a.district, "
                    + "a.city, a.postal_code, a.country, a.phone FROM counterparty c "
                    + "JOIN address a ON a.address_id = c.legal_address_id ORDER BY 1",
            "SELECT * FROM dim_counterparty ORDER BY 1"
        });
        QUERIES.put("dim_currency", new String[] {
            "SELECT currency_id, currency_code FROM currency ORDER BY 1",
            "SELECT currency_id, currency_code FROM dim_currency ORDER BY 1"
        });
        QUERIES.put("dim_design", new String[] {
            "SELECT design_id, design_name, file_location, file_name FROM design ORDER BY 1",
            "SELECT * FROM dim_design ORDER BY 1"
        });
        QUERIES.put("dim_transaction", new String[] {
            "SELECT transaction_id, transaction_type, sales_order_id, purchase_order_id FROM transaction ORDER BY 1",
            "SELECT * FROM dim_transaction ORDER BY 1"
        });
        QUERIES.put("dim_payment_type", new String[] {
            "SELECT payment_type_id, payment_type_name FROM payment_type ORDER BY 1",
            "SELECT * FROM dim_payment_type ORDER BY 1"
        });
        QUERIES.put("fact_sales_order", new String[] {
            "SELECT sales_order_id, created_at::date, created_at::time, last_updated::date, last_updated::time, "
                    + "staff_id, counterparty_id, units_sold, unit_price, currency_id, design_id, "
                    + "agreed_payment_date::date, agreed_delivery_date::date, agreed_delivery_location_id "
                    + "FROM sales_order ORDER BY 1",
            "SELECT DISTINCT ON (sales_order_id) sales_order_id, created_date, created_time, last_updated_date, "
                    + "last_updated_time, sales_staff_id, counterparty_id, units_sold, unit_price, currency_id, "
                    + "design_id, agreed_payment_date, agreed_delivery_date, agreed_delivery_location_id "
                    + "FROM fact_sales_order ORDER BY sales_order_id, last_updated_date DESC, last_updated_time DESC"
        });
        QUERIES.put("fact_purchase_order", new String[] {
            "SELECT purchase_order_id, created_at::date, created_at::time, last_updated::date, last_updated::time, "
                    + "staff_id, counterparty_id, item_code, item_quantity, item_unit_price, currency_id, "
                    + "agreed_delivery_date::date, agreed_payment_date::date, agreed_delivery_location_id "
                    + "FROM purchase_order ORDER BY 1",
            "SELECT DISTINCT ON (purchase_order_id) purchase_order_id, created_date, created_time, "
                    + "last_updated_date, last_updated_time, staff_id, counterparty_id, item_code, item_quantity, "
                    + "item_unit_price, currency_id, agreed_delivery_date, agreed_payment_date, "
                    + "agreed_delivery_location_id FROM fact_purchase_order "
                    + "ORDER BY purchase_order_id, last_updated_date DESC, last_updated_time DESC"
        });
        QUERIES.put("fact_payment", new String[] {
            "SELECT payment_id, created_at::date, created_at::time, last_updated::date, last_updated::time, "
                    + "transaction_id, counterparty_id, payment_amount, currency_id, payment_type_id, paid, "
                    + "payment_date::date FROM payment ORDER BY 1",
            "SELECT DISTINCT ON (payment_id) payment_id, created_date, created_time, last_updated_date, "
                    + "last_updated_time, transaction_id, counterparty_id, payment_amount, currency_id, "
                    + "payment_type_id, paid, payment_date FROM fact_payment "
                    + "ORDER BY payment_id, last_updated_date DESC, last_updated_time DESC"
        });
    }

    /** Every date the warehouse facts reference, with its calendar attributes computed by PostgreSQL. */
    static final String EXPECTED_DIM_DATE = """
            WITH d(date_id) AS (
              SELECT created_date FROM fact_sales_order UNION SELECT last_updated_date FROM fact_sales_order
              UNION SELECT agreed_payment_date FROM fact_sales_order UNION SELECT agreed_delivery_date FROM fact_sales_order
              UNION SELECT created_date FROM fact_purchase_order UNION SELECT last_updated_date FROM fact_purchase_order
              UNION SELECT agreed_payment_date FROM fact_purchase_order
              UNION SELECT agreed_delivery_date FROM fact_purchase_order
              UNION SELECT created_date FROM fact_payment UNION SELECT last_updated_date FROM fact_payment
              UNION SELECT payment_date FROM fact_payment)
            SELECT date_id, extract(year FROM date_id)::int, extract(month FROM date_id)::int,
                   extract(day FROM date_id)::int, extract(isodow FROM date_id)::int, to_char(date_id, 'FMDay'),
                   to_char(date_id, 'FMMonth'), extract(quarter FROM date_id)::int
            FROM d ORDER BY 1""";

    static final String ACTUAL_DIM_DATE = "SELECT * FROM dim_date ORDER BY 1";

    static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i) == null ? "<NULL>" : rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Currency names as java.util.Currency has them (the shipped list's source), "unknown" otherwise. */
    static List<String> expectedCurrencyNames(Connection source) throws SQLException {
        return rows(source, "SELECT currency_code FROM currency ORDER BY currency_id").stream()
                .map(code -> {
                    try {
                        return Currency.getInstance(code).getDisplayName(Locale.ENGLISH);
                    } catch (IllegalArgumentException e) {
                        return "unknown";
                    }
                })
                .toList();
    }
}
