-- dialect: mysql
CREATE TABLE book_audit (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    book_id BIGINT NOT NULL,
    old_price INT,
    new_price INT
) ENGINE = InnoDB;

DELIMITER //
CREATE TRIGGER books_price_audit AFTER UPDATE ON books FOR EACH ROW
BEGIN
    IF NOT (NEW.price_cents <=> OLD.price_cents) THEN
        INSERT INTO book_audit (book_id, old_price, new_price) VALUES (OLD.id, OLD.price_cents, NEW.price_cents);
    END IF;
END //
DELIMITER ;

UPDATE books SET price_cents = 1099 WHERE title = 'Dune';
