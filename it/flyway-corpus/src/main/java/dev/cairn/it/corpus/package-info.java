/**
 * A Flyway-style folder as teams have them: versions with parts written both ways, repeatable
 * views and functions, a placeholder, PostgreSQL functions in dollar quotes, a trigger and
 * {@code CREATE INDEX CONCURRENTLY}. Only Cairn's {@code -- transactional: false} header is
 * added, which Flyway reads as a comment.
 */
@SqlMigrationDirectory("db/corpus")
package dev.cairn.it.corpus;

import dev.cairn.SqlMigrationDirectory;
