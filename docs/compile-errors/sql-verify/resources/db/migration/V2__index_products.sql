-- The column is called name, not title.
CREATE INDEX products_by_name ON products (name);
CREATE INDEX products_by_title
    ON products (title);
