-- ${isbn_prefix} is a placeholder: Flyway and Cairn both replace it at run time.
INSERT INTO books (title, price_cents, isbn) VALUES
    ('Dune', 999, '${isbn_prefix}-0441013593'),
    ('The Left Hand of Darkness', 1250, '${isbn_prefix}-0441478125'),
    ('It''s a title with a quote; and a semicolon', 500, NULL);
