-- transactional: false
CREATE INDEX CONCURRENTLY books_by_title ON books (title);
