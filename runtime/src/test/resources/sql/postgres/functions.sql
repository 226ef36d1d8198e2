-- Dollar-quoted function bodies hold semicolons.
CREATE TABLE counters (name TEXT PRIMARY KEY, value INT NOT NULL DEFAULT 0);

CREATE FUNCTION bump(counter TEXT) RETURNS INT AS $$
DECLARE
    result INT;
BEGIN
    UPDATE counters SET value = value + 1 WHERE name = counter RETURNING value INTO result;
    RETURN result;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION describe(counter TEXT) RETURNS TEXT AS $body$
BEGIN
    -- A nested $$ does not close a tagged quote; ';' neither.
    RETURN format($fmt$%s; has %s$fmt$, counter, (SELECT value FROM counters WHERE name = $1));
END;
$body$ LANGUAGE plpgsql;

CREATE FUNCTION add_one(x INT) RETURNS INT LANGUAGE SQL RETURN $1 + 1;

CREATE FUNCTION sign_of(x INT) RETURNS TEXT LANGUAGE SQL
BEGIN ATOMIC
    SELECT CASE WHEN x < 0 THEN 'negative' WHEN x = 0 THEN 'zero' ELSE 'positive' END;
END;

DO $$
BEGIN
    INSERT INTO counters (name) VALUES ('visits');
    PERFORM bump('visits');
END
$$;
