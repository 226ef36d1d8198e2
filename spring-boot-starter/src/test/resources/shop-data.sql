INSERT INTO book (id, title) VALUES (100, 'From spring.sql.init');
