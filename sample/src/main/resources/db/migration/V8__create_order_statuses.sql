-- The statuses an order can be in, with the label customers see. Reference data that needs
-- nothing else in the schema, so this script is a root of the graph (an empty depends-on
-- header), and -Acairn.verify=sqlite runs it against SQLite while the sample compiles.
-- depends-on:

CREATE TABLE order_statuses (
    code  VARCHAR(20) PRIMARY KEY,
    label TEXT NOT NULL
);

-- The ';' inside the labels is data, not the end of a statement.
INSERT INTO order_statuses (code, label) VALUES
    ('open', 'Open; waiting for payment'),
    ('shipped', 'Shipped; on its way'),
    ('cancelled', 'Cancelled; the customer''s payment failed');
