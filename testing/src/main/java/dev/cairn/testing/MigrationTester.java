package dev.cairn.testing;

import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.CairnException;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationReport;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.Registry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Tests an application's migrations on a fresh database: migrate to a version, seed rows, migrate
 * on, then read and assert; snapshot the schema; check that every {@code down()} undoes its
 * {@code up()}. Each tester owns its database and removes it on {@link #close()}: a temporary SQLite
 * file by default, a schema of its own on a PostgreSQL server you name. Works without JUnit;
 * {@link CairnExtension} hands one to each JUnit 5 test.
 *
 * <pre>{@code
 * try (MigrationTester tester = MigrationTester.sqlite(MigrationRegistry.INSTANCE)) {
 *     tester.migrateTo(4);
 *     tester.execute("INSERT INTO reviews (book_id, stars) VALUES (1, 5), (1, 3)");
 *     tester.migrateTo(5);                                   // the backfill under test
 *     assertEquals(4.0, tester.rows("SELECT avg_rating FROM books").get(0).get(0));
 * }
 * }</pre>
 */
public final class MigrationTester implements AutoCloseable {

    private final Registry registry;
    private final TestTarget target;
    private final String historyTable = "cairn_schema_history";
    /** Kept for the tester's life: the SQLite reader remembers the facts of tables that did not change. */
    private SchemaReader reader;

    private MigrationTester(Registry registry, TestTarget target) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.target = target;
    }

    /** A tester on a new temporary SQLite file (the sqlite-jdbc driver must be on the test class path). */
    public static MigrationTester sqlite(Registry registry) {
        return open(registry, TestTarget::sqlite);
    }

    /**
     * A tester on a new schema of the PostgreSQL database at {@code url}, dropped with everything in
     * it on {@link #close()}. The user needs the right to create schemas in that database.
     *
     * @param url for example {@code jdbc:postgresql://localhost:5432/app_test}
     */
    public static MigrationTester postgres(Registry registry, String url, String user, String password) {
        return open(registry, () -> TestTarget.postgresSchema(url, user, password));
    }

    /**
     * A tester on a database you provide and clean up yourself, on any database Cairn supports.
     * {@link #assertSchemaMatches} needs a second database and is not available on it.
     */
    public static MigrationTester on(Registry registry, DataSource dataSource) {
        return new MigrationTester(registry, TestTarget.given(Objects.requireNonNull(dataSource, "dataSource")));
    }

    private interface TargetFactory {
        TestTarget create() throws SQLException;
    }

    private static MigrationTester open(Registry registry, TargetFactory factory) {
        try {
            return new MigrationTester(registry, factory.create());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database: " + e.getMessage(), e);
        }
    }

    /** The registry under test. */
    public Registry registry() {
        return registry;
    }

    /** The test database. */
    public DataSource dataSource() {
        return target.dataSource();
    }

    /** A migrator on the test database, for what the tester does not wrap (rollback, info, ...). */
    public Migrator migrator() {
        return migrator(registry, target);
    }

    Migrator migrator(Registry migrations, TestTarget on) {
        Migrator.Builder builder = Migrator.builder(migrations).dataSource(on.dataSource())
                .applicationName(registry.getClass().getName());
        if (on.historySchema() != null) {
            builder.historySchema(on.historySchema());
        }
        return builder.build();
    }

    /** Applies every migration. */
    public MigrationReport migrate() {
        return migrator().migrate();
    }

    /**
     * Applies {@code version} and what it depends on, nothing else.
     *
     * @throws IllegalArgumentException if the registry has no such migration
     */
    public MigrationReport migrateTo(long version) {
        return migrateTo(MigrationVersion.of(version));
    }

    /** {@link #migrateTo(long)} for any version, including one with parts ({@code 1.10}). */
    public MigrationReport migrateTo(MigrationVersion version) {
        if (registry.find(version).isEmpty()) {
            throw new IllegalArgumentException("The registry has no migration " + version + "; its versions are "
                    + versions() + ".");
        }
        return migrator().migrate(version);
    }

    /** Runs SQL statements on the test database, each in auto-commit: to seed rows between migrations. */
    public void execute(String... sql) {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The test's SQL failed on " + target + ": " + e.getMessage(), e);
        }
    }

    /** The rows a query returns, each as its column values in order. */
    public List<List<Object>> rows(String sql, Object... parameters) {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int column = 1; column <= meta.getColumnCount(); column++) {
                        row.add(result.getObject(column));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("The test's query failed on " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code facts} without those of Cairn's checkpoint table {@code <history table>_batches}, which
     * the runtime creates when the first batched migration runs: Cairn's own, like the history table,
     * not part of the schema the migrations build (a round trip would otherwise count it as left
     * behind by the first batched migration's up).
     */
    private List<String> withoutCheckpointTable(List<String> facts) {
        String table = historyTable + "_batches";
        List<String> kept = new ArrayList<>(facts.size());
        for (String fact : facts) {
            if (!fact.equals("table " + table) && !fact.startsWith("table " + table + ":")
                    && !(fact.startsWith("index ") && (fact.contains(" on " + table + ":")
                            || fact.contains(" on " + table + " ")))) {
                kept.add(fact);
            }
        }
        return kept;
    }

    /** The schema of the test database now, without Cairn's history table and its checkpoint table. */
    public SchemaSnapshot snapshot() {
        return snapshot(target);
    }

    SchemaSnapshot snapshot(TestTarget of) {
        try (Connection connection = of.dataSource().getConnection()) {
            if (reader == null) {
                reader = SchemaReader.of(connection);
            }
            return new SchemaSnapshot(withoutCheckpointTable(reader.read(connection, historyTable)));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the schema of " + of + ": " + e.getMessage(), e);
        }
    }

    /**
     * Walks the registry in order on this (fresh) database: for each reversible migration, takes a
     * snapshot, applies it, runs its {@code down()}, checks that the schema is what it was before,
     * and applies it again; irreversible ones are applied and listed as skipped. Runs through
     * Cairn's own engine (transactions, history), so what is tested is what runs in production.
     *
     * @throws AssertionError naming the first migration whose {@code down()} left the schema
     *     different, with one line per difference, or whose {@code up()} or {@code down()} failed
     * @throws IllegalStateException if a migration was applied to this database already
     */
    public RoundTripReport assertEveryMigrationRoundTrips() {
        return new RoundTrip(this, target).run(null);
    }

    /**
     * {@link #assertEveryMigrationRoundTrips()} for the migrations after {@code version} in the
     * registry's order only: those up to it are applied in one go, unchecked. The round trip runs
     * each step through Cairn's engine, which reads the history every time, so its cost grows with
     * the square of the number of migrations checked; a large application checks its recent ones.
     *
     * <pre>{@code
     * tester.assertMigrationsRoundTripAfter(240);   // the release's new migrations
     * }</pre>
     *
     * @throws IllegalArgumentException if the registry has no such migration
     */
    public RoundTripReport assertMigrationsRoundTripAfter(long version) {
        return assertMigrationsRoundTripAfter(MigrationVersion.of(version));
    }

    /** {@link #assertMigrationsRoundTripAfter(long)} for any version, including one with parts. */
    public RoundTripReport assertMigrationsRoundTripAfter(MigrationVersion version) {
        return new RoundTrip(this, target).run(version);
    }

    /**
     * Checks that the schema all migrations build equals the one {@code referenceSql} builds on a
     * second fresh database of the same kind (for example the schema file a DBA maintains).
     *
     * @param referenceSql statements separated by {@code ;} at the end of a line
     * @throws AssertionError with one line per difference
     */
    public void assertSchemaMatches(String referenceSql) {
        migrate();
        try (TestTarget reference = target.fresh()) {
            try (Connection connection = reference.dataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                for (String sql : referenceSql.split(";\\s*(\\r?\\n|$)")) {
                    if (!sql.isBlank()) {
                        statement.execute(sql);
                    }
                }
            }
            List<String> differences = snapshot().differencesFrom(snapshot(reference));
            if (!differences.isEmpty()) {
                throw new AssertionError("The schema the migrations build differs from the reference schema ("
                        + differences.size() + " difference(s); \"new\" = only in the migrated one, \"gone\" = only in "
                        + "the reference):\n  " + String.join("\n  ", differences));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not build the reference schema: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the schema after each migration to {@code <folder>/<version>.schema}, applying the
     * migrations one by one on this (fresh) database; files of versions the registry no longer has
     * are removed. See {@link SchemaExport}.
     *
     * @return the files written, in the registry's order
     */
    public List<java.nio.file.Path> exportSchemas(java.nio.file.Path folder) {
        return SchemaExport.write(SchemaExport.build(this), folder);
    }

    /**
     * Checks the files {@link #exportSchemas} wrote against what the migrations build now, applying
     * them one by one on this (fresh) database. With the system property
     * {@code -Dcairn.updateSchemas=true} it writes the files instead.
     *
     * @throws AssertionError naming each stale, missing or extra file, with the differences and the
     *     way to refresh them
     */
    public void assertExportedSchemasAreCurrent(java.nio.file.Path folder) {
        java.util.Map<MigrationVersion, SchemaSnapshot> snapshots = SchemaExport.build(this);
        if (Boolean.getBoolean(SchemaExport.UPDATE_PROPERTY)) {
            SchemaExport.write(snapshots, folder);
            return;
        }
        List<String> problems = SchemaExport.compare(snapshots, folder);
        if (!problems.isEmpty()) {
            throw new AssertionError("The exported schemas in " + folder + " do not match the migrations:\n  "
                    + String.join("\n  ", problems) + "\nIf the migrations are right, refresh the files with "
                    + "-D" + SchemaExport.UPDATE_PROPERTY + "=true (for example mvn test -D"
                    + SchemaExport.UPDATE_PROPERTY + "=true) and review their diff.");
        }
    }

    private List<MigrationVersion> versions() {
        List<MigrationVersion> versions = new ArrayList<>();
        for (MigrationDescriptor migration : registry.migrations()) {
            versions.add(migration.version());
        }
        return versions;
    }

    /** Removes the test database (the SQLite file, or the PostgreSQL schema with everything in it). */
    @Override
    public void close() {
        try {
            target.close();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not remove the test database " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "MigrationTester[" + target + "]";
    }

    /** What a failed Cairn operation says, for assertion messages: Cairn's own words, not a stack. */
    static String describe(RuntimeException failure) {
        return failure instanceof CairnException ? failure.getMessage()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
