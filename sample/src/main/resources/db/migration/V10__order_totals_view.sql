-- What each book has earned, for the shop's best-seller list. Cancelled orders do not count.
-- No depends-on header: in a folder, a script depends on the previous script (here 9).
CREATE VIEW order_totals AS
SELECT books.id                                       AS book_id,
       books.title                                    AS title,
       COUNT(*)                                       AS orders,
       SUM(orders.quantity)                           AS copies,
       SUM(orders.quantity * orders.unit_price_cents) AS revenue_cents
FROM orders
JOIN books ON books.id = orders.book_id
WHERE orders.status <> 'cancelled'
GROUP BY books.id, books.title;
