CREATE TABLE book_audit (
    id BIGSERIAL PRIMARY KEY,
    book_id BIGINT NOT NULL,
    old_price INTEGER,
    new_price INTEGER
);

CREATE FUNCTION audit_price() RETURNS trigger AS $body$
BEGIN
    IF NEW.price_cents IS DISTINCT FROM OLD.price_cents THEN
        INSERT INTO book_audit (book_id, old_price, new_price) VALUES (OLD.id, OLD.price_cents, NEW.price_cents);
    END IF;
    RETURN NEW;
END;
$body$ LANGUAGE plpgsql;

CREATE TRIGGER books_price_audit AFTER UPDATE ON books
    FOR EACH ROW EXECUTE FUNCTION audit_price();

UPDATE books SET price_cents = 1099 WHERE title = 'Dune';
