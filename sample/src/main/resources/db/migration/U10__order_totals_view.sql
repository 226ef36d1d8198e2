-- Undoes V10__order_totals_view.sql (run by 'rollback').
DROP VIEW order_totals;
