/**
 * Cairn's runtime: applies the migrations of a generated {@code MigrationRegistry} at application
 * startup, on SQLite and PostgreSQL, with no dependencies beyond the JDK.
 *
 * <pre>{@code
 * Migrator migrator = Migrator.builder(MigrationRegistry.INSTANCE)
 *         .dataSource(dataSource)
 *         .build();
 * MigrationReport report = migrator.migrate();   // one query when already up to date
 * }</pre>
 *
 * <p>Entry point: {@link dev.cairn.runtime.Migrator}. Results are immutable values
 * ({@link dev.cairn.runtime.MigrationReport}, {@link dev.cairn.runtime.InfoReport},
 * {@link dev.cairn.runtime.ValidationReport}, ...); failures are subclasses of
 * {@link dev.cairn.runtime.CairnException}. Logging goes through {@link System.Logger} named
 * {@code dev.cairn}. SQL script migrations run through the same engine as Java ones.
 * Everything else is internal ({@code dev.cairn.runtime.internal}, not exported), apart from
 * {@code dev.cairn.runtime.generated}, which only the generated registry calls.
 *
 * <h2>History table</h2>
 * An append-only audit trail, by default {@code cairn_schema_history}, one row per event:
 * {@code installed_rank, version, description, type (JAVA | JAVA_NON_TRANSACTIONAL | SQL |
 * SQL_NON_TRANSACTIONAL), event
 * (APPLY, APPLY_FAILED, BASELINE, ROLLBACK, ROLLBACK_FAILED, REPAIR), checksum, installed_by,
 * installed_on, execution_time_ms, success, error, application}, where {@code application} is the
 * registry that wrote the row (NULL in rows of an earlier Cairn). The state of a version is folded
 * from its events in order. Nothing is deleted: {@link dev.cairn.runtime.Migrator#repair()} appends
 * {@code REPAIR} rows that clear the failures before them, which stay.
 *
 * <h2>Known limits</h2>
 * <ul>
 *   <li>On SQLite a {@code transactional = false} migration runs after committing the run so far
 *       and without the write lock (SQLite cannot hold a lock outside a transaction); another
 *       instance starting at that moment could run it too. Transactional migrations are safe.</li>
 *   <li>{@code jdbc:sqlite::memory:} opens a new, empty database per connection: pass a
 *       {@code DataSource} that keeps one connection open instead of a URL.</li>
 *   <li>The history table lives in the connection's default schema; its name is a plain
 *       identifier (no schema prefix).</li>
 * </ul>
 */
package dev.cairn.runtime;
