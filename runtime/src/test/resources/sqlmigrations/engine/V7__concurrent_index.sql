-- PostgreSQL refuses this inside a transaction: the migration is declared transactional = false.
CREATE INDEX CONCURRENTLY products_price ON products (price_cents);
