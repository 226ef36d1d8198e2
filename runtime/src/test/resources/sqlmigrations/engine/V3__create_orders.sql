-- Depends on the Java migration 2, which loads the products.
CREATE TABLE orders (id INTEGER PRIMARY KEY, product_id INTEGER NOT NULL, note VARCHAR(100));
INSERT INTO orders (id, product_id, note)
    SELECT id, id, concat('first order; of ', name) FROM products;
