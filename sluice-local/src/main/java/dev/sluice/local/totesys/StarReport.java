package dev.sluice.local.totesys;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The demo's star-schema queries: sales by month and currency, and one staff member's order history. */
public final class StarReport {

    static final String SALES_BY_MONTH_AND_CURRENCY = """
            SELECT d.year, d.month_name, c.currency_code, c.currency_name, sum(f.units_sold) AS units,
                   sum(f.units_sold * f.unit_price) AS revenue
            FROM (SELECT DISTINCT ON (sales_order_id) * FROM fact_sales_order
                  ORDER BY sales_order_id, last_updated_date DESC, last_updated_time DESC) f
            JOIN dim_date d ON d.date_id = f.created_date
            JOIN dim_currency c ON c.currency_id = f.currency_id
            GROUP BY d.year, d.month, d.month_name, c.currency_code, c.currency_name
            ORDER BY d.year, d.month, c.currency_code""";

    /** The staff member with the most fact versions (ties: lowest id). */
    static final String BUSIEST_STAFF = """
            SELECT sales_staff_id FROM fact_sales_order GROUP BY sales_staff_id
            ORDER BY count(*) DESC, sales_staff_id LIMIT 1""";

    static final String STAFF = "SELECT staff_id, first_name, last_name, department_name, location, email_address "
            + "FROM dim_staff WHERE staff_id = ?";

    static final String STAFF_HISTORY = """
            SELECT f.sales_record_id, f.sales_order_id, f.last_updated_date, f.last_updated_time, f.units_sold,
                   f.unit_price, c.currency_code, l.city AS delivery_city
            FROM fact_sales_order f
            JOIN dim_currency c ON c.currency_id = f.currency_id
            JOIN dim_location l ON l.location_id = f.agreed_delivery_location_id
            WHERE f.sales_staff_id = ? ORDER BY f.sales_order_id, f.sales_record_id""";

    private StarReport() {}

    public static void print(Connection warehouse, PrintStream out) throws SQLException {
        out.println("Sales by month and currency (latest version of each order):");
        table(out, query(warehouse, SALES_BY_MONTH_AND_CURRENCY, null));
        List<List<String>> busiest = query(warehouse, BUSIEST_STAFF, null);
        if (busiest.size() < 2) {
            out.println("No sales facts yet.");
            return;
        }
        out.println();
        staff(warehouse, out, Integer.valueOf(busiest.get(1).getFirst()));
    }

    /** The sales table, then the given staff member's record and history (the demo keeps one across cycles). */
    public static void print(Connection warehouse, PrintStream out, int staffId) throws SQLException {
        out.println("Sales by month and currency (latest version of each order):");
        table(out, query(warehouse, SALES_BY_MONTH_AND_CURRENCY, null));
        staff(warehouse, out, staffId);
    }

    private static void staff(Connection warehouse, PrintStream out, int staffId) throws SQLException {
        out.println("Staff member " + staffId + " (dim_staff, latest values):");
        table(out, query(warehouse, STAFF, staffId));
        out.println("Their sales order history (every version is a fact row):");
        table(out, query(warehouse, STAFF_HISTORY, staffId));
    }

    /** Header row first, then the rows, as text. */
    private static List<List<String>> query(Connection c, String sql, Integer parameter) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setInt(1, parameter);
            }
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                List<List<String>> rows = new ArrayList<>();
                List<String> header = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    header.add(rs.getMetaData().getColumnLabel(i));
                }
                rows.add(header);
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getString(i) == null ? "" : rs.getString(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    private static void table(PrintStream out, List<List<String>> rows) {
        int[] widths = new int[rows.getFirst().size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < row.size(); i++) {
                line.append(' ').append(String.format("%-" + widths[i] + "s", row.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
        out.println();
    }
}
