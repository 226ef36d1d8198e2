-- depends-on: 4
UPDATE products SET name = 'it''s ' || name;
INSERT INTO products (name) VALUES ('unterminated);
