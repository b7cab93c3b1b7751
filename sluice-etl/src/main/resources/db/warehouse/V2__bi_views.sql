-- BI readiness (issue 13): what a BI tool (QuickSight through Glue/Athena, or the local console) charts.
--
-- 'Current' views: the facts keep every version of a source row; most charts want only the latest version of
-- each order or payment. Latest = the newest last_updated (date, then time); the record id breaks a tie, so a
-- view never returns two rows for one source id.
CREATE VIEW fact_sales_order_current AS
SELECT DISTINCT ON (sales_order_id) *
FROM fact_sales_order
ORDER BY sales_order_id, last_updated_date DESC, last_updated_time DESC, sales_record_id DESC;

CREATE VIEW fact_purchase_order_current AS
SELECT DISTINCT ON (purchase_order_id) *
FROM fact_purchase_order
ORDER BY purchase_order_id, last_updated_date DESC, last_updated_time DESC, purchase_record_id DESC;

CREATE VIEW fact_payment_current AS
SELECT DISTINCT ON (payment_id) *
FROM fact_payment
ORDER BY payment_id, last_updated_date DESC, last_updated_time DESC, payment_record_id DESC;

-- A contiguous calendar. dim_date holds only the dates the facts reference (the load adds them), so a chart
-- joined to it has no row, and draws no zero, for a day without sales. dim_date_calendar has every day of a
-- configurable range, widened to cover every date in dim_date, with the same attributes as dim_date (ISO day of
-- week, English names). Change the range without a migration: UPDATE bi_calendar_range SET ...
CREATE TABLE bi_calendar_range (
    id         boolean PRIMARY KEY DEFAULT true CHECK (id), -- exactly one row
    start_date date    NOT NULL,
    end_date   date    NOT NULL,
    CHECK (start_date <= end_date)
);

INSERT INTO bi_calendar_range (start_date, end_date)
VALUES ('${calendar_start}'::date, '${calendar_end}'::date);

CREATE VIEW dim_date_calendar AS
WITH bounds AS (
    SELECT least(r.start_date, (SELECT min(date_id) FROM dim_date)) AS first_day,
           greatest(r.end_date, (SELECT max(date_id) FROM dim_date)) AS last_day
    FROM bi_calendar_range r
)
SELECT d::date                             AS date_id,
       extract(year FROM d)::integer       AS year,
       extract(month FROM d)::integer      AS month,
       extract(day FROM d)::integer        AS day,
       extract(isodow FROM d)::integer     AS day_of_week,
       to_char(d, 'FMDay')::varchar(9)     AS day_name,
       to_char(d, 'FMMonth')::varchar(9)   AS month_name,
       extract(quarter FROM d)::integer    AS quarter
FROM bounds, generate_series(bounds.first_day, bounds.last_day, interval '1 day') AS d;
