CREATE TABLE templates (body TEXT);
INSERT INTO templates (body) VALUES ('Hello ${name}');
