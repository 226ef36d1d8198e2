-- dialect: mysql
DELIMITER $$
CREATE FUNCTION price_with_tax(cents INT) RETURNS DECIMAL(10, 2) DETERMINISTIC
BEGIN
    # a semicolon inside the body does not end the statement;
    RETURN ROUND(cents * 1.2 / 100, 2);
END $$
DELIMITER ;
