-- The data benchmarks' table (issues 5 and 6): psql -v rows=2000000 -f bench/data/bench-table.sql
-- bigint key, int, timestamptz, text with quotes and newlines, numeric, jsonb; about 272 bytes a
-- row as COPY CSV, so 2,000,000 rows make a CSV of about 545 MB. Deterministic: the same rows on
-- every run and machine.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
DROP TABLE IF EXISTS bench_rows;
CREATE TABLE bench_rows (
    id         bigint PRIMARY KEY,
    quantity   integer NOT NULL,
    created_at timestamptz NOT NULL,
    note       text,
    amount     numeric(14, 2),
    attributes jsonb
);
INSERT INTO bench_rows
SELECT g,
       ((g * 7919) % 100000)::integer,
       timestamptz '2020-01-01 00:00:00+00' + g * interval '17 seconds',
       'order "' || g || '", one' || E'\n' || 'two: ' || repeat(md5(g::text), 3),
       ((g * 104729) % 10000000) / 100.0,
       jsonb_build_object('customer', g % 5000, 'tags', jsonb_build_array('red', 'blue'), 'code', md5((g * 3)::text))
FROM generate_series(1::bigint, :rows) AS g;
ANALYZE bench_rows;
