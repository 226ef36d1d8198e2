CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER, status TEXT);
CREATE TABLE audit (account_id INTEGER, note TEXT);

-- A trigger body holds several statements and a CASE ... END.
CREATE TRIGGER accounts_audit AFTER UPDATE OF balance ON accounts
BEGIN
    INSERT INTO audit VALUES (NEW.id, 'balance; changed');
    UPDATE accounts SET status = CASE
            WHEN NEW.balance < 0 THEN 'overdrawn'
            WHEN NEW.balance = 0 THEN 'empty'
            ELSE 'ok'
        END
        WHERE id = NEW.id;
    INSERT INTO audit SELECT NEW.id, CASE WHEN NEW.balance > 100 THEN 'rich' ELSE 'poor' END;
END;

create temp trigger if not exists accounts_insert after insert on accounts
begin
    insert into audit values (new.id, 'created');
end;

INSERT INTO accounts (id, balance) VALUES (1, 10);
UPDATE accounts SET balance = -5 WHERE id = 1
