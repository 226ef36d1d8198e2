-- A COMMIT the splitter cannot see: inside a procedure body, reached through CALL.
CREATE PROCEDURE commit_inside() LANGUAGE plpgsql AS $$
BEGIN
    CREATE TABLE committed_early (id INT);
    COMMIT;
END;
$$;
CALL commit_inside();
