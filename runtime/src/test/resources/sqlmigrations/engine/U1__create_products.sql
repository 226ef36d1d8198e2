DROP INDEX products_name;
DROP TABLE products;
