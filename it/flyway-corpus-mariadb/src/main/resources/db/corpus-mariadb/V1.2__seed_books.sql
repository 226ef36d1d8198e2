-- dialect: mysql
# ${isbn_prefix} is a placeholder: Flyway and Cairn both replace it at run time.
INSERT INTO `books` (`title`, `price_cents`, `isbn`) VALUES
    ('Dune', 999, '${isbn_prefix}-0441013593'),
    ('It\'s a title with a quote; a semicolon and a backslash \\', 500, NULL);
