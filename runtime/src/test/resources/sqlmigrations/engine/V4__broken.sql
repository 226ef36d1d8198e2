CREATE TABLE half_done (id INTEGER);
INSERT INTO half_done VALUES (1);
-- the next statement fails: the table does not exist
INSERT INTO no_such_table VALUES (1);
INSERT INTO half_done VALUES (2);
