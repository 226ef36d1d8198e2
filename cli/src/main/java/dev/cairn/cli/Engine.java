package dev.cairn.cli;

import dev.cairn.runtime.DriverManagerDataSource;
import dev.cairn.runtime.MigrationListener;
import dev.cairn.runtime.Migrator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds the {@link Migrator} a command runs on, from the resolved database target. The one
 * place where command-line settings meet the engine's builder, and where the CLI checks what the
 * engine would only report as a connection failure: that a JDBC driver accepts the URL, and that
 * the directory of an SQLite file exists.
 */
final class Engine {
    private Engine() {
    }

    static Migrator migrator(Invocation invocation) {
        return migrator(invocation, null);
    }

    static Migrator migrator(Invocation invocation, MigrationListener listener) {
        return builder(invocation, listener).build();
    }

    /** A builder with the database and listener set, for commands that add options (--integrity-check). */
    static Migrator.Builder builder(Invocation invocation, MigrationListener listener) {
        DatabaseTarget database = invocation.requireDatabase();
        checkReachable(database);
        Migrator.Builder builder = Migrator.builder(invocation.registry());
        if (database.user().isPresent() || database.password().isPresent()) {
            builder.jdbcUrl(database.url(), database.user().orElse(null), database.password().orElse(null));
        } else {
            builder.jdbcUrl(database.url());
        }
        if (listener != null) {
            builder.listener(listener);
        }
        BatchOptions.of(invocation.arguments()).applyTo(builder, invocation.registry());
        return placeholders(invocation, builder).outOfOrder(invocation.arguments().has("--out-of-order"));
    }

    /** The prefix of the environment variables that give SQL scripts' placeholders their values. */
    static final String PLACEHOLDER_PREFIX = "CAIRN_PLACEHOLDER_";

    /**
     * Placeholder values from the environment, as Flyway's CLI reads them:
     * {@code CAIRN_PLACEHOLDER_APP_ROLE=shop} gives {@code ${app_role}} the value {@code shop}.
     */
    static Migrator.Builder placeholders(Invocation invocation, Migrator.Builder builder) {
        for (java.util.Map.Entry<String, String> variable : new java.util.TreeMap<>(invocation.environment()).entrySet()) {
            if (variable.getKey().startsWith(PLACEHOLDER_PREFIX) && variable.getKey().length() > PLACEHOLDER_PREFIX.length()) {
                builder.placeholder(variable.getKey().substring(PLACEHOLDER_PREFIX.length())
                        .toLowerCase(java.util.Locale.ROOT), variable.getValue());
            }
        }
        return builder;
    }

    /**
     * For commands that only look ({@code info}, {@code validate}, {@code plan}, {@code graph}):
     * an SQLite file that does not exist yet is not created (opening it would create an empty
     * file). The engine reads an empty in-memory database instead, which has exactly the state
     * of a database not created yet: nothing applied, everything pending.
     */
    static ReadOnly readOnly(Invocation invocation, MigrationListener listener) throws SQLException {
        DatabaseTarget database = invocation.requireDatabase();
        Optional<Path> file = database.sqliteFile();
        if (file.isEmpty() || Files.exists(file.get())) {
            return new ReadOnly(migrator(invocation, listener), null, null);
        }
        checkReachable(database);
        // A named shared-cache database lives while one connection to it is open: the keeper
        // holds it for the command, since the engine opens a connection per operation.
        String empty = "jdbc:sqlite:file:cairn-empty-" + UUID.randomUUID() + "?mode=memory&cache=shared";
        Connection keeper = DriverManager.getConnection(empty);
        Migrator.Builder builder = Migrator.builder(invocation.registry())
                .dataSource(new DriverManagerDataSource(empty, null, null))
                .outOfOrder(invocation.arguments().has("--out-of-order"));
        placeholders(invocation, builder);
        if (listener != null) {
            builder.listener(listener);
        }
        return new ReadOnly(builder.build(), file.get(), keeper);
    }

    /**
     * For commands that change an existing database ({@code repair}, {@code baseline},
     * {@code rollback}, {@code adopt-flyway}): an SQLite file that does not exist is a wrong path,
     * not a database to create, and opening it would leave an empty file behind.
     */
    static void requireExisting(Invocation invocation, String command) {
        Optional<Path> file = invocation.requireDatabase().sqliteFile();
        if (file.isPresent() && !Files.exists(file.get())) {
            checkReachable(invocation.requireDatabase());
            throw new CliFailure("No database at " + file.get() + ": '" + command + "' works on an existing "
                    + "database and creates none (nothing was created). Check the path given to --db or --url; "
                    + "only 'migrate' creates a database.");
        }
    }

    /** Fails with a message that says what to do when the engine could not even connect. */
    static void checkReachable(DatabaseTarget database) {
        database.requireDriver();
        Optional<Path> file = database.sqliteFile();
        if (file.isPresent()) {
            Path directory = file.get().getParent();
            if (directory != null && !Files.isDirectory(directory)) {
                throw new CliFailure("The directory " + directory + " does not exist"
                        + (Files.exists(directory) ? " (it is a file)" : "") + ", so the SQLite database file "
                        + file.get() + " cannot be opened or created. Create the directory first (mkdir -p "
                        + directory + "), or check the path given to --db or --url.");
            }
        }
    }

    /** A migrator for a command that changes nothing, and whether it reads a database not created yet. */
    static final class ReadOnly implements AutoCloseable {
        private final Migrator migrator;
        private final Path absentFile;
        private final Connection keeper;

        private ReadOnly(Migrator migrator, Path absentFile, Connection keeper) {
            this.migrator = migrator;
            this.absentFile = absentFile;
            this.keeper = keeper;
        }

        Migrator migrator() {
            return migrator;
        }

        /** The SQLite file that does not exist yet, read as an empty database; empty otherwise. */
        Optional<Path> absentFile() {
            return Optional.ofNullable(absentFile);
        }

        /** The line that says so, or null. */
        String note() {
            return absentFile == null ? null
                    : "No database at " + absentFile + " yet: showing it as an empty database (nothing was created; "
                            + "'migrate' creates it).";
        }

        @Override
        public void close() throws SQLException {
            if (keeper != null) {
                keeper.close();
            }
        }
    }
}
