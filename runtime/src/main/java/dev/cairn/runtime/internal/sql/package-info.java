/**
 * SQL script migrations: splitting a script into statements ({@link dev.cairn.runtime.internal.sql.SqlScript}),
 * recognising transaction control ({@link dev.cairn.runtime.SqlStatement}), the checksum of a
 * normalised script, and the migration that runs a script ({@link dev.cairn.runtime.internal.sql.SqlScriptMigration}).
 * The annotation processor uses the same classes at compile time, so a script is split and
 * checksummed one way only.
 *
 * <pre>{@code
 * SqlScript script = SqlScript.parse("db/migration/V3__add_index.sql", text);
 * script.statements().forEach(statement -> System.out.println(statement.line() + ": " + statement.sql()));
 * }</pre>
 */
package dev.cairn.runtime.internal.sql;
