CREATE TABLE loan (id INTEGER PRIMARY KEY, title VARCHAR(200) NOT NULL);
INSERT INTO loan (id, title) VALUES (1, 'Middlemarch');
