-- PostgreSQL: a dollar-quoted function body and a trigger that uses it.
CREATE FUNCTION products_price_check() RETURNS trigger AS $$
BEGIN
    IF NEW.price_cents < 0 THEN
        RAISE EXCEPTION 'price of %; must not be negative', NEW.name;
    END IF;
    NEW.name := trim(NEW.name);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER products_price_check BEFORE INSERT OR UPDATE ON products
    FOR EACH ROW EXECUTE FUNCTION products_price_check();
