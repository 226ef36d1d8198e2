-- Orders: the shop starts selling. Plain schema, reviewed as SQL; the Java data migration 11
-- (SeedOrders) fills it. It comes after the Java migrations 1-7 (books) and the statuses (8).
-- depends-on: 7, 8
--
-- Runs unchanged on SQLite, PostgreSQL and MariaDB. Cairn runs the whole script and its history row
-- in one transaction, so there is no BEGIN or COMMIT here.

CREATE TABLE orders (
    id               INTEGER PRIMARY KEY,
    book_id          INTEGER NOT NULL REFERENCES books (id),
    customer         TEXT NOT NULL,
    quantity         INTEGER NOT NULL CHECK (quantity > 0),
    unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
    status           VARCHAR(20) NOT NULL REFERENCES order_statuses (code)
);

/* Best-seller queries group orders by book. */
CREATE INDEX orders_book ON orders (book_id);
