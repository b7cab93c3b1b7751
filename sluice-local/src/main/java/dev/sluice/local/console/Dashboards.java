package dev.sluice.local.console;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The warehouse dashboards (the QuickSight analogue): each a query over the star schema's 'current' views (the
 * latest version of each order and payment, V2) and, for time series, the contiguous {@code dim_date_calendar}, so a
 * month without sales is a zero, not a missing point. Revenue is {@code units_sold * unit_price} in the order's
 * currency; top lists add currencies up as plain amounts (the local data has no exchange rates).
 */
public enum Dashboards {
    SALES_BY_MONTH("Sales revenue and units by month and currency", false, """
            WITH span AS (SELECT min(created_date) AS first_day, max(created_date) AS last_day
                          FROM fact_sales_order_current),
                 months AS (SELECT DISTINCT date_trunc('month', c.date_id)::date AS month
                            FROM dim_date_calendar c, span WHERE c.date_id BETWEEN span.first_day AND span.last_day),
                 currencies AS (SELECT DISTINCT currency_id FROM fact_sales_order_current),
                 sales AS (SELECT date_trunc('month', created_date)::date AS month, currency_id,
                                  sum(units_sold) AS units, sum(units_sold * unit_price) AS revenue
                           FROM fact_sales_order_current GROUP BY 1, 2)
            SELECT to_char(m.month, 'YYYY-MM') AS month, d.currency_code AS currency,
                   coalesce(s.units, 0) AS units, coalesce(s.revenue, 0) AS revenue
            FROM months m CROSS JOIN currencies cu
            JOIN dim_currency d ON d.currency_id = cu.currency_id
            LEFT JOIN sales s ON s.month = m.month AND s.currency_id = cu.currency_id
            ORDER BY m.month, d.currency_code"""),
    TOP_DESIGNS("Top designs by units sold", true, """
            SELECT d.design_name AS design, count(*) AS orders, sum(f.units_sold) AS units,
                   sum(f.units_sold * f.unit_price) AS revenue
            FROM fact_sales_order_current f JOIN dim_design d ON d.design_id = f.design_id
            GROUP BY d.design_id, d.design_name ORDER BY units DESC, design LIMIT ?"""),
    TOP_STAFF("Top sales staff by revenue", true, """
            SELECT s.first_name || ' ' || s.last_name AS staff, s.department_name AS department, count(*) AS orders,
                   sum(f.units_sold * f.unit_price) AS revenue
            FROM fact_sales_order_current f JOIN dim_staff s ON s.staff_id = f.sales_staff_id
            GROUP BY s.staff_id, staff, department ORDER BY revenue DESC, staff LIMIT ?"""),
    TOP_COUNTERPARTIES("Top counterparties by revenue", true, """
            SELECT c.counterparty_legal_name AS counterparty, count(*) AS orders,
                   sum(f.units_sold * f.unit_price) AS revenue
            FROM fact_sales_order_current f JOIN dim_counterparty c ON c.counterparty_id = f.counterparty_id
            GROUP BY c.counterparty_id, counterparty ORDER BY revenue DESC, counterparty LIMIT ?"""),
    SALES_BY_LOCATION("Sales by delivery location", true, """
            SELECT l.city || ', ' || l.country AS location, count(*) AS orders, sum(f.units_sold) AS units,
                   sum(f.units_sold * f.unit_price) AS revenue
            FROM fact_sales_order_current f JOIN dim_location l ON l.location_id = f.agreed_delivery_location_id
            GROUP BY l.location_id, location ORDER BY revenue DESC, location LIMIT ?"""),
    PURCHASES_BY_MONTH("Purchase orders by month", false, """
            WITH span AS (SELECT min(created_date) AS first_day, max(created_date) AS last_day
                          FROM fact_purchase_order_current),
                 months AS (SELECT DISTINCT date_trunc('month', c.date_id)::date AS month
                            FROM dim_date_calendar c, span WHERE c.date_id BETWEEN span.first_day AND span.last_day),
                 purchases AS (SELECT date_trunc('month', created_date)::date AS month, count(*) AS orders,
                                      sum(item_quantity) AS quantity, sum(item_quantity * item_unit_price) AS amount
                               FROM fact_purchase_order_current GROUP BY 1)
            SELECT to_char(m.month, 'YYYY-MM') AS month, coalesce(p.orders, 0) AS orders,
                   coalesce(p.quantity, 0) AS quantity, coalesce(p.amount, 0) AS amount
            FROM months m LEFT JOIN purchases p ON p.month = m.month ORDER BY m.month"""),
    PAYMENTS_BY_MONTH("Payments by month (by payment date)", false, """
            WITH span AS (SELECT min(payment_date) AS first_day, max(payment_date) AS last_day
                          FROM fact_payment_current),
                 months AS (SELECT DISTINCT date_trunc('month', c.date_id)::date AS month
                            FROM dim_date_calendar c, span WHERE c.date_id BETWEEN span.first_day AND span.last_day),
                 payments AS (SELECT date_trunc('month', payment_date)::date AS month, count(*) AS payments,
                                     sum(payment_amount) AS amount,
                                     sum(payment_amount) FILTER (WHERE paid) AS paid_amount
                              FROM fact_payment_current GROUP BY 1)
            SELECT to_char(m.month, 'YYYY-MM') AS month, coalesce(p.payments, 0) AS payments,
                   coalesce(p.amount, 0) AS amount, coalesce(p.paid_amount, 0) AS paid_amount
            FROM months m LEFT JOIN payments p ON p.month = m.month ORDER BY m.month""");

    private final String title;
    private final boolean limited;
    private final String sql;

    Dashboards(String title, boolean limited, String sql) {
        this.title = title;
        this.limited = limited;
        this.sql = sql;
    }

    /** The URL name: SALES_BY_MONTH is {@code sales-by-month}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String title() {
        return title;
    }

    /** Whether the query takes a row limit (the top lists). */
    public boolean limited() {
        return limited;
    }

    String sql() {
        return sql;
    }

    public static Optional<Dashboards> bySlug(String slug) {
        return Arrays.stream(values()).filter(d -> d.slug().equals(slug)).findFirst();
    }
}
