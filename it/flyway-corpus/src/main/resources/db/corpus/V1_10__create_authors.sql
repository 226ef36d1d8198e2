CREATE TABLE authors (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
ALTER TABLE books ADD COLUMN author_id BIGINT REFERENCES authors (id);
INSERT INTO authors (name) VALUES ('Frank Herbert'), ('Ursula K. Le Guin');
UPDATE books SET author_id = (SELECT id FROM authors WHERE name = 'Frank Herbert') WHERE title = 'Dune';
