CREATE VIEW sales_report AS SELECT name, price FROM products;
