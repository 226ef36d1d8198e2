-- depends-on: 1
CREATE TABLE book (
    id INTEGER PRIMARY KEY,
    title VARCHAR(200) NOT NULL,
    author_id INTEGER NOT NULL REFERENCES author (id)
);
