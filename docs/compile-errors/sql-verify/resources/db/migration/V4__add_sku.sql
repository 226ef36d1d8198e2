-- depends-on: 3
ALTER TABLE products ADD COLUMN sku TEXT;
