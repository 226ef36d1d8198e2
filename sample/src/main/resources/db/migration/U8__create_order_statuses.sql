-- Undoes V8__create_order_statuses.sql (run by 'rollback').
DROP TABLE order_statuses;
