DROP TRIGGER products_price_check ON products;
DROP FUNCTION products_price_check();
