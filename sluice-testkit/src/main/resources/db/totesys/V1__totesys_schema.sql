-- Totesys operational schema (seed-notes §4.2): 11 tables, source column order kept (design's and the order
-- tables' created_at/last_updated sit where the seed fixtures have them).
-- Timestamps are `timestamp without time zone` like the source; generated values carry milliseconds.
-- last_updated is what the incremental extract reads, so every table indexes it.
-- Deviation from the seed: payment account numbers are text of digits, because the data has leading zeros
-- that an int column would silently drop.

CREATE TABLE currency (
    currency_id   integer     PRIMARY KEY,
    currency_code varchar(3)  NOT NULL CHECK (currency_code ~ '^[A-Z]{3}$'),
    created_at    timestamp   NOT NULL,
    last_updated  timestamp   NOT NULL
);

CREATE TABLE payment_type (
    payment_type_id   integer     PRIMARY KEY,
    payment_type_name text        NOT NULL,
    created_at        timestamp   NOT NULL,
    last_updated      timestamp   NOT NULL
);

CREATE TABLE department (
    department_id   integer   PRIMARY KEY,
    department_name text      NOT NULL,
    location        text,
    manager         text,
    created_at      timestamp NOT NULL,
    last_updated    timestamp NOT NULL
);

CREATE TABLE address (
    address_id     integer   PRIMARY KEY,
    address_line_1 text      NOT NULL,
    address_line_2 text,
    district       text,
    city           text      NOT NULL,
    postal_code    text      NOT NULL,
    country        text      NOT NULL,
    phone          text      NOT NULL,
    created_at     timestamp NOT NULL,
    last_updated   timestamp NOT NULL
);

CREATE TABLE design (
    design_id     integer   PRIMARY KEY,
    created_at    timestamp NOT NULL,
    design_name   text      NOT NULL,
    file_location text      NOT NULL,
    file_name     text      NOT NULL,
    last_updated  timestamp NOT NULL
);

CREATE TABLE counterparty (
    counterparty_id         integer   PRIMARY KEY,
    counterparty_legal_name text      NOT NULL,
    legal_address_id        integer   NOT NULL REFERENCES address (address_id),
    commercial_contact      text,
    delivery_contact        text,
    created_at              timestamp NOT NULL,
    last_updated            timestamp NOT NULL
);

CREATE TABLE staff (
    staff_id      integer   PRIMARY KEY,
    first_name    text      NOT NULL,
    last_name     text      NOT NULL,
    department_id integer   NOT NULL REFERENCES department (department_id),
    email_address text      NOT NULL,
    created_at    timestamp NOT NULL,
    last_updated  timestamp NOT NULL
);

CREATE TABLE sales_order (
    sales_order_id              integer        PRIMARY KEY,
    created_at                  timestamp      NOT NULL,
    last_updated                timestamp      NOT NULL,
    design_id                   integer        NOT NULL REFERENCES design (design_id),
    staff_id                    integer        NOT NULL REFERENCES staff (staff_id),
    counterparty_id             integer        NOT NULL REFERENCES counterparty (counterparty_id),
    units_sold                  integer        NOT NULL,
    unit_price                  numeric(10, 2) NOT NULL,
    currency_id                 integer        NOT NULL REFERENCES currency (currency_id),
    agreed_delivery_date        text           NOT NULL,
    agreed_payment_date         text           NOT NULL,
    agreed_delivery_location_id integer        NOT NULL REFERENCES address (address_id)
);

CREATE TABLE purchase_order (
    purchase_order_id           integer        PRIMARY KEY,
    created_at                  timestamp      NOT NULL,
    last_updated                timestamp      NOT NULL,
    staff_id                    integer        NOT NULL REFERENCES staff (staff_id),
    counterparty_id             integer        NOT NULL REFERENCES counterparty (counterparty_id),
    item_code                   text           NOT NULL,
    item_quantity               integer        NOT NULL,
    item_unit_price             numeric(10, 2) NOT NULL,
    currency_id                 integer        NOT NULL REFERENCES currency (currency_id),
    agreed_delivery_date        text           NOT NULL,
    agreed_payment_date         text           NOT NULL,
    agreed_delivery_location_id integer        NOT NULL REFERENCES address (address_id)
);

CREATE TABLE transaction (
    transaction_id    integer   PRIMARY KEY,
    transaction_type  text      NOT NULL CHECK (transaction_type IN ('SALE', 'PURCHASE')),
    sales_order_id    integer   REFERENCES sales_order (sales_order_id),
    purchase_order_id integer   REFERENCES purchase_order (purchase_order_id),
    created_at        timestamp NOT NULL,
    last_updated      timestamp NOT NULL
);

CREATE TABLE payment (
    payment_id             integer        PRIMARY KEY,
    created_at             timestamp      NOT NULL,
    last_updated           timestamp      NOT NULL,
    transaction_id         integer        NOT NULL REFERENCES transaction (transaction_id),
    counterparty_id        integer        NOT NULL REFERENCES counterparty (counterparty_id),
    payment_amount         numeric(12, 2) NOT NULL,
    currency_id            integer        NOT NULL REFERENCES currency (currency_id),
    payment_type_id        integer        NOT NULL REFERENCES payment_type (payment_type_id),
    paid                   boolean        NOT NULL,
    payment_date           text           NOT NULL,
    company_ac_number      varchar(8)     NOT NULL CHECK (company_ac_number ~ '^[0-9]{8}$'),
    counterparty_ac_number varchar(8)     NOT NULL CHECK (counterparty_ac_number ~ '^[0-9]{8}$')
);

CREATE INDEX currency_last_updated_idx       ON currency (last_updated);
CREATE INDEX payment_type_last_updated_idx   ON payment_type (last_updated);
CREATE INDEX department_last_updated_idx     ON department (last_updated);
CREATE INDEX address_last_updated_idx        ON address (last_updated);
CREATE INDEX design_last_updated_idx         ON design (last_updated);
CREATE INDEX counterparty_last_updated_idx   ON counterparty (last_updated);
CREATE INDEX staff_last_updated_idx          ON staff (last_updated);
CREATE INDEX sales_order_last_updated_idx    ON sales_order (last_updated);
CREATE INDEX purchase_order_last_updated_idx ON purchase_order (last_updated);
CREATE INDEX transaction_last_updated_idx    ON transaction (last_updated);
CREATE INDEX payment_last_updated_idx        ON payment (last_updated);
