CREATE TABLE crlf (id INT, name VARCHAR(20));

-- a comment
INSERT INTO crlf VALUES (1, 'one');  
INSERT INTO crlf
VALUES (2, 'two')
