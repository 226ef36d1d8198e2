-- The schema change a Java data migration depends on.
CREATE TABLE products (
    id INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    price_cents INTEGER NOT NULL
);
CREATE INDEX products_name ON products (name);
