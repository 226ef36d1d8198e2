-- A test script read through the class path, as the generated registry reads one.
CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL);
INSERT INTO users (id, name) VALUES (1, 'Ada; Lovelace');
