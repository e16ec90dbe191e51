-- Queries the application sends.
SELECT order_id, xmin FROM orders WHERE customer_id = $1;

MERGE INTO product p
USING (VALUES ('SKU-1', 10.00)) AS s(sku, price) ON p.sku = s.sku
WHEN MATCHED THEN UPDATE SET price = s.price
WHEN NOT MATCHED THEN INSERT (sku, price) VALUES (s.sku, s.price);

WITH recent AS MATERIALIZED (
    SELECT * FROM orders WHERE placed_at > now() - interval '7 days'
)
SELECT customer_id, count(*) FROM recent GROUP BY customer_id
ORDER BY count(*) DESC
FETCH FIRST 10 ROWS WITH TIES;

LISTEN order_events;
NOTIFY order_events, 'refresh';

SELECT xmlelement(name customer, full_name) FROM customer;
