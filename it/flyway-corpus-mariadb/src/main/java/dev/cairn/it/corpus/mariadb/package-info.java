/**
 * A Flyway-style folder for MariaDB and MySQL as teams have them: versions with parts written both
 * ways, a repeatable view, a placeholder, and what only the mysql client's syntax has: DELIMITER
 * blocks for a function and a trigger, backtick identifiers, {@code #} comments and backslash
 * escapes in strings. Only Cairn's {@code -- dialect: mysql} header is added where that syntax is
 * used, which Flyway reads as a comment.
 */
@SqlMigrationDirectory("db/corpus-mariadb")
package dev.cairn.it.corpus.mariadb;

import dev.cairn.SqlMigrationDirectory;
