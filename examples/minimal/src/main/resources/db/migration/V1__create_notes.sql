-- depends-on:
-- The first migration: a root, so its depends-on header is empty.
-- Portable SQL: it runs unchanged on SQLite and PostgreSQL.
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    body VARCHAR(200) NOT NULL
);
