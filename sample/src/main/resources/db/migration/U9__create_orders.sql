-- Undoes V9__create_orders.sql (run by 'rollback'): the orders go with their table, and its
-- index with it.
DROP TABLE orders;
