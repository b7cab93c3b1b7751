-- Totesys star schema (seed-notes §4.3, the seed's misspellings fixed, README-NC's full warehouse).
-- Dimensions hold the latest values (the load upserts on the primary key). Facts keep every version of a source
-- row: a serial record id, and a unique key on (source id, last_updated date, last_updated time) that makes a
-- re-load of the same version a no-op.
-- No foreign keys from facts to dimensions: the load applies whole batches in order inside one transaction, and a
-- constraint would only turn a late dimension row into a stuck pipeline; the end-to-end test checks the joins.

CREATE TABLE dim_date (
    date_id     date        PRIMARY KEY,
    year        integer     NOT NULL,
    month       integer     NOT NULL,
    day         integer     NOT NULL,
    day_of_week integer     NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),
    day_name    varchar(9)  NOT NULL,
    month_name  varchar(9)  NOT NULL,
    quarter     integer     NOT NULL CHECK (quarter BETWEEN 1 AND 4)
);

CREATE TABLE dim_staff (
    staff_id        integer PRIMARY KEY,
    first_name      text    NOT NULL,
    last_name       text    NOT NULL,
    department_name text    NOT NULL,
    location        text,
    email_address   text    NOT NULL
);

CREATE TABLE dim_location (
    location_id    integer PRIMARY KEY,
    address_line_1 text    NOT NULL,
    address_line_2 text,
    district       text,
    city           text    NOT NULL,
    postal_code    text    NOT NULL,
    country        text    NOT NULL,
    phone          text    NOT NULL
);

CREATE TABLE dim_currency (
    currency_id   integer    PRIMARY KEY,
    currency_code varchar(3) NOT NULL,
    currency_name text       NOT NULL
);

CREATE TABLE dim_design (
    design_id     integer PRIMARY KEY,
    design_name   text    NOT NULL,
    file_location text    NOT NULL,
    file_name     text    NOT NULL
);

CREATE TABLE dim_counterparty (
    counterparty_id                   integer PRIMARY KEY,
    counterparty_legal_name           text    NOT NULL,
    counterparty_legal_address_line_1 text    NOT NULL,
    counterparty_legal_address_line_2 text,
    counterparty_legal_district       text,
    counterparty_legal_city           text    NOT NULL,
    counterparty_legal_postal_code    text    NOT NULL,
    counterparty_legal_country        text    NOT NULL,
    counterparty_legal_phone_number   text    NOT NULL
);

CREATE TABLE dim_transaction (
    transaction_id    integer PRIMARY KEY,
    transaction_type  text    NOT NULL,
    sales_order_id    integer,
    purchase_order_id integer
);

CREATE TABLE dim_payment_type (
    payment_type_id   integer PRIMARY KEY,
    payment_type_name text    NOT NULL
);

CREATE TABLE fact_sales_order (
    sales_record_id             serial         PRIMARY KEY,
    sales_order_id              integer        NOT NULL,
    created_date                date           NOT NULL,
    created_time                time           NOT NULL,
    last_updated_date           date           NOT NULL,
    last_updated_time           time           NOT NULL,
    sales_staff_id              integer        NOT NULL,
    counterparty_id             integer        NOT NULL,
    units_sold                  integer        NOT NULL,
    unit_price                  numeric(10, 2) NOT NULL,
    currency_id                 integer        NOT NULL,
    design_id                   integer        NOT NULL,
    agreed_payment_date         date           NOT NULL,
    agreed_delivery_date        date           NOT NULL,
    agreed_delivery_location_id integer        NOT NULL,
    CONSTRAINT fact_sales_order_version UNIQUE (sales_order_id, last_updated_date, last_updated_time)
);

CREATE TABLE fact_purchase_order (
    purchase_record_id          serial         PRIMARY KEY,
    purchase_order_id           integer        NOT NULL,
    created_date                date           NOT NULL,
    created_time                time           NOT NULL,
    last_updated_date           date           NOT NULL,
    last_updated_time           time           NOT NULL,
    staff_id                    integer        NOT NULL,
    counterparty_id             integer        NOT NULL,
    item_code                   text           NOT NULL,
    item_quantity               integer        NOT NULL,
    item_unit_price             numeric(10, 2) NOT NULL,
    currency_id                 integer        NOT NULL,
    agreed_delivery_date        date           NOT NULL,
    agreed_payment_date         date           NOT NULL,
    agreed_delivery_location_id integer        NOT NULL,
    CONSTRAINT fact_purchase_order_version UNIQUE (purchase_order_id, last_updated_date, last_updated_time)
);

CREATE TABLE fact_payment (
    payment_record_id serial         PRIMARY KEY,
    payment_id        integer        NOT NULL,
    created_date      date           NOT NULL,
    created_time      time           NOT NULL,
    last_updated_date date           NOT NULL,
    last_updated_time time           NOT NULL,
    transaction_id    integer        NOT NULL,
    counterparty_id   integer        NOT NULL,
    payment_amount    numeric(12, 2) NOT NULL,
    currency_id       integer        NOT NULL,
    payment_type_id   integer        NOT NULL,
    paid              boolean        NOT NULL,
    payment_date      date           NOT NULL,
    CONSTRAINT fact_payment_version UNIQUE (payment_id, last_updated_date, last_updated_time)
);

-- One row per processed batch applied, inserted in the same transaction as the batch's rows: a batch id present
-- here has been applied exactly once.
CREATE TABLE etl_batch (
    batch_id     text        PRIMARY KEY,
    sequence     bigint      NOT NULL,
    rows_loaded  bigint      NOT NULL,
    extracted_at timestamptz,
    loaded_at    timestamptz NOT NULL DEFAULT now()
);
