-- Merged after 2 and 3 were applied: an out-of-order script, as kestra's were.
ALTER TABLE books ADD COLUMN stock INTEGER NOT NULL DEFAULT 0;
