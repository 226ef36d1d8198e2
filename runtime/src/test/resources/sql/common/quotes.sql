-- Strings and quoted identifiers that hold the statement separator.
CREATE TABLE "odd;name" ("semi;colon" VARCHAR(50), "say ""hi""" VARCHAR(50));

INSERT INTO "odd;name" VALUES ('a;b', 'it''s; fine');
INSERT INTO "odd;name" VALUES ('-- not a comment', '/* not a comment either */');
INSERT INTO "odd;name" VALUES ('multi
line; string', '''');
