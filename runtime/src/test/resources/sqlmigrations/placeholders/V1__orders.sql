-- ${flyway:filename}: the orders of ${app}
CREATE TABLE ${table_prefix}orders (id INT, note TEXT, made_in TEXT);
INSERT INTO ${table_prefix}orders (id, note, made_in) VALUES (1, '${app}', '${flyway:defaultSchema}');
