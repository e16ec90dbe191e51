-- Server-side logic the application relies on.
CREATE FUNCTION next_invoice_number() RETURNS bigint
LANGUAGE plpgsql AS $$
BEGIN
    -- Serialise invoice numbering across application servers.
    PERFORM pg_advisory_xact_lock(42);
    RETURN nextval('invoice_number_seq');
END
$$;

CREATE FUNCTION touch_order() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.xmin IS NOT NULL THEN
        NEW.placed_at := now();
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER orders_touch BEFORE INSERT OR UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION touch_order();

CREATE VIEW active_products WITH (security_invoker = true) AS
    SELECT sku, attributes['colour'] AS colour, price FROM product WHERE active;
