-- dialect: mysql
# A script as the mysql client reads it.
CREATE TABLE `order;items` (id INT PRIMARY KEY, note VARCHAR(100), total INT NOT NULL DEFAULT 0);
INSERT INTO `order;items` (id, note) VALUES (1, 'it\'s; escaped'), (2, "say \"hi\"; twice"); # trailing comment
INSERT INTO `order;items` (id, note) VALUES (3, 'back\\'); -- the backslash is escaped, the quote ends it
/*!40101 SET @cairn_versioned = 1 */;
DELIMITER //
CREATE PROCEDURE add_item(IN item_id INT, IN item_note VARCHAR(100))
BEGIN
    DECLARE doubled INT;
    SET doubled = item_id * 2;
    INSERT INTO `order;items` (id, note) VALUES (item_id, item_note);
    IF doubled > 100 THEN
        SET doubled = 100;
    END IF;
END //
CREATE TRIGGER items_total BEFORE INSERT ON `order;items` FOR EACH ROW
BEGIN
    SET NEW.total = NEW.id * 10; -- a comment; with a semicolon
END//
DELIMITER ;
CALL add_item(4, 'via; procedure');
DELIMITER $$
CREATE FUNCTION tenfold(x INT) RETURNS INT DETERMINISTIC
BEGIN
    RETURN x * 10;
END$$
DELIMITER ;
DELIMITER ;;
CREATE EVENT purge_items ON SCHEDULE EVERY 1 DAY DISABLE
DO BEGIN
    DELETE FROM `order;items` WHERE id > 1000; # disabled: created, never run here
    UPDATE `order;items` SET total = total WHERE id = 0;
END;;
DELIMITER ;
INSERT INTO `order;items` (id, note) VALUES (5, CONCAT('f', tenfold(1)))
