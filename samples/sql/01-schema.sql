-- Shop schema, as the application's migrations create it on PostgreSQL 15.
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped', 'cancelled');

CREATE SEQUENCE invoice_number_seq;

CREATE TABLE customer (
    customer_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email        text NOT NULL,
    full_name    text NOT NULL,
    search       tsvector GENERATED ALWAYS AS (to_tsvector('simple', full_name)) STORED,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT customer_email_key UNIQUE (email) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE product (
    sku        text PRIMARY KEY,
    attributes jsonb NOT NULL DEFAULT '{}',
    price      numeric(12, 2) NOT NULL CHECK (price >= 0),
    active     boolean NOT NULL DEFAULT true
);

CREATE TABLE orders (
    order_id    bigint NOT NULL,
    customer_id bigint NOT NULL REFERENCES customer,
    status      order_status NOT NULL DEFAULT 'new',
    placed_at   timestamptz NOT NULL,
    PRIMARY KEY (order_id, placed_at)
) PARTITION BY RANGE (placed_at);

CREATE TABLE orders_2026 PARTITION OF orders FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

CREATE TABLE order_line (
    order_id   bigint NOT NULL,
    line_no    int NOT NULL,
    sku        text NOT NULL REFERENCES product,
    quantity   int NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

CREATE UNLOGGED TABLE cart_cache (
    session_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    payload    jsonb
);

CREATE TABLE audit_log (
    happened_at timestamptz NOT NULL DEFAULT now(),
    actor       text,
    details     xml
);

CREATE TABLE store (
    store_id int PRIMARY KEY,
    location point NOT NULL
);

CREATE INDEX product_attributes_idx ON product USING gin (attributes);
CREATE INDEX product_active_idx ON product (active);
CREATE INDEX orders_status_idx ON orders (status);
CREATE INDEX store_location_idx ON store USING gist (location);
CREATE INDEX customer_created_idx ON customer (created_at DESC);
CREATE INDEX customer_search_idx ON customer USING gin (search) WITH (fastupdate = off);
ALTER TABLE customer CLUSTER ON customer_created_idx;
