CREATE INDEX products_by_sku ON products (sku);
