;;
CREATE TABLE items (id INT);
;
  ;  -- an empty statement with a comment
INSERT INTO items VALUES (1);
INSERT INTO items VALUES (2)
