CREATE OR REPLACE VIEW shop_window AS
    SELECT b.title, a.name AS author, price_with_tax(b.price_cents) AS price
    FROM books b LEFT JOIN authors a ON a.id = b.author_id;
