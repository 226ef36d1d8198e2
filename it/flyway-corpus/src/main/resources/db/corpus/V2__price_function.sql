CREATE FUNCTION price_with_tax(cents INTEGER) RETURNS NUMERIC AS $$
BEGIN
    -- a semicolon inside dollar quotes does not end the statement;
    RETURN round(cents * 1.2 / 100, 2);
END;
$$ LANGUAGE plpgsql IMMUTABLE;
