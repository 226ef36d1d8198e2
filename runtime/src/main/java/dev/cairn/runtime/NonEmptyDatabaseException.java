package dev.cairn.runtime;

import java.util.List;
import java.util.Optional;

/**
 * {@code migrate} found a database that is not empty but has no Cairn history: another tool
 * (Flyway, say) or a person created its schema, so Cairn cannot tell which of its migrations
 * already ran, and running them all could re-create what was dropped or change what exists.
 * Nothing was applied, and the database was not changed.
 *
 * <p>What counts as "not empty" depends on the database: on SQLite, any table, view, index or
 * trigger in {@code sqlite_master} other than the history table and SQLite's own {@code sqlite_}
 * objects; on PostgreSQL, any table, view, sequence, function or type in the connection's
 * {@code current_schema()} other than the history table, not counting the members of an
 * extension. Adopt the database once, then migrate:
 *
 * <pre>{@code
 * try {
 *     migrator.migrate();
 * } catch (NonEmptyDatabaseException e) {
 *     e.objects();              // [table books, table flyway_schema_history, view shop_window]
 *     e.flywayHistoryTable();   // Optional[flyway_schema_history]
 *     migrator.adoptFlyway();   // Flyway built it: record what Flyway applied (or baseline(V))
 *     migrator.migrate();       // applies only what comes after
 * }
 * }</pre>
 *
 * @see Migrator#adoptFlyway()
 * @see Migrator#baseline(long)
 * @see Migrator.Builder#allowNonEmptyDatabase(boolean)
 */
public class NonEmptyDatabaseException extends CairnException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> objects;
    private final String flywayHistoryTable;

    /** Creates the exception; the message names what was found and how to adopt the database. */
    NonEmptyDatabaseException(String message, List<String> objects, String flywayHistoryTable) {
        super(message);
        this.objects = List.copyOf(objects);
        this.flywayHistoryTable = flywayHistoryTable;
    }

    /** Every object found, as kind and name ("table books", "view shop_window"), tables first. */
    public List<String> objects() {
        return objects;
    }

    /** Flyway's history table, when the database has one: then {@link Migrator#adoptFlyway()} applies. */
    public Optional<String> flywayHistoryTable() {
        return Optional.ofNullable(flywayHistoryTable);
    }
}
