-- SQLite also quotes identifiers with backticks and brackets.
CREATE TABLE `back;tick` (`a``b` INTEGER, [bra;cket] TEXT);
INSERT INTO `back;tick` (`a``b`, [bra;cket]) VALUES (1, 'x;y');
SELECT [bra;cket] FROM `back;tick` WHERE `a``b` = 1
