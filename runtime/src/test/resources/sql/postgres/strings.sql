CREATE TABLE texts (id INT, body TEXT);
INSERT INTO texts VALUES (1, E'it\'s; escaped');
INSERT INTO texts VALUES (2, e'back\\slash; \'quoted\'');
INSERT INTO texts VALUES (3, 'plain \ backslash; ''doubled''');
INSERT INTO texts VALUES (4, $$dollar; 'quoted'$$);
INSERT INTO texts VALUES (5, $q$tagged $$; quote$q$);
INSERT INTO texts VALUES (6, 'a' /* a /* nested */ comment; inside */ || 'b');
INSERT INTO texts VALUES (7, (ARRAY['x;1', 'y;2'])[2]);
SELECT id FROM texts WHERE body = $tag_1$it's; escaped$tag_1$
;
-- A rule's actions are a parenthesised list of statements.
CREATE TABLE texts_log (id INT);
CREATE RULE texts_logged AS ON INSERT TO texts DO ALSO (
    INSERT INTO texts_log VALUES (NEW.id);
    INSERT INTO texts_log VALUES (NEW.id + 100)
);
INSERT INTO texts VALUES (8, 'ruled')
