/* A leading block comment; with a separator in it.
   Over several lines. */
-- A line comment; with a separator
CREATE TABLE notes (id INT, body VARCHAR(100)); -- trailing comment; after the statement

/* a /* nested; */ comment between statements */
INSERT INTO notes VALUES (1, 'one') /* inline; comment */;
INSERT INTO notes -- a comment inside; the statement
VALUES (2, 'two');
-- a comment-only tail; it is not a statement
