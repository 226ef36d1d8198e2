CREATE TABLE partial (id INT);

-- make it stick
COMMIT;
CREATE TABLE more (id INT);
