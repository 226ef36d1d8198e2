CREATE TABLE products (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);
