-- Reporting queries shipped with the application and run by name.
SELECT customer_id, any_value(email) FROM orders JOIN customer USING (customer_id) GROUP BY customer_id;
