CREATE TABLE authors (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(200) NOT NULL UNIQUE
) ENGINE = InnoDB;
ALTER TABLE books ADD COLUMN author_id BIGINT, ADD CONSTRAINT books_author FOREIGN KEY (author_id) REFERENCES authors (id);
INSERT INTO authors (name) VALUES ('Frank Herbert'), ('Ursula K. Le Guin');
UPDATE books SET author_id = (SELECT id FROM authors WHERE name = 'Frank Herbert') WHERE title = 'Dune';
