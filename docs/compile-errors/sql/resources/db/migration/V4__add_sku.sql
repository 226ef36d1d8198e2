-- depends-on: 3, 7
ALTER TABLE products ADD COLUMN sku TEXT;
