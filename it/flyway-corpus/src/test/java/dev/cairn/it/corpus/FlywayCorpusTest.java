package dev.cairn.it.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.ExecutedMigration;
import dev.cairn.runtime.FlywayAdoptionReport;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationReport;
import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.ValidationProblem;
import dev.cairn.runtime.ValidationReport;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.testing.PostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 20's proof: a Flyway-style folder (versions with parts written both ways, repeatable views
 * and functions, a placeholder, dollar-quoted PostgreSQL functions, a trigger, {@code CREATE INDEX
 * CONCURRENTLY}) applied unchanged by Flyway and by Cairn gives the same schema ({@code pg_dump
 * --schema-only}, both history tables left out) and the same data; then the database Flyway built
 * is adopted, and Cairn migrates on from exactly where Flyway stopped.
 */
class FlywayCorpusTest {

    private static final Map<String, String> PLACEHOLDERS = Map.of("isbn_prefix", "978");
    private static final List<String> TABLES = List.of("books", "authors", "book_audit");
    private static PostgresServer server;

    @BeforeAll
    static void server() {
        server = PostgresServer.shared();
    }

    private static Flyway flyway(PostgresServer.Database database) {
        return Flyway.configure()
                .dataSource(database.dataSource())
                .locations("classpath:db/corpus")
                .placeholders(PLACEHOLDERS)
                // Flyway's default PostgreSQL lock is taken in a transaction that CREATE INDEX CONCURRENTLY
                // then waits for, forever; its documented way out:
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
                .load();
    }

    private static Migrator.Builder cairn(PostgresServer.Database database) {
        Migrator.Builder builder = Migrator.builder(MigrationRegistry.INSTANCE).dataSource(database.dataSource());
        PLACEHOLDERS.forEach(builder::placeholder);
        return builder;
    }

    private static List<String> names(MigrationReport report) {
        return report.applied().stream().map(ExecutedMigration::migration)
                .map(m -> m.repeatable() ? "R " + m.description() : m.version().toString())
                .collect(Collectors.toList());
    }

    @Test
    void theFolderBuildsTheSameSchemaAndDataWithFlywayAndWithCairn() throws Exception {
        PostgresServer.Database byFlyway = server.createDatabase();
        PostgresServer.Database byCairn = server.createDatabase();

        flyway(byFlyway).migrate();
        MigrationReport report = cairn(byCairn).build().migrate();

        assertEquals(List.of("1", "1.1", "1.2", "1.10", "2", "2.1", "3", "R Book count", "R Shop window"),
                names(report), "Flyway's order: versions part by part, then the repeatable ones by name");
        String schema = schema(byCairn);
        for (String object : List.of("CREATE TABLE public.books", "FUNCTION public.price_with_tax",
                "FUNCTION public.book_count", "TRIGGER books_price_audit", "VIEW public.shop_window",
                "INDEX books_by_title")) {
            assertTrue(schema.contains(object), "the compared dump has " + object + ":\n" + schema);
        }
        assertEquals(schema(byFlyway), schema);
        for (String table : TABLES) {
            assertEquals(rows(byFlyway, table), rows(byCairn, table), table);
        }
        assertEquals(rows(byFlyway, "shop_window"), rows(byCairn, "shop_window"));
        assertEquals(List.of("978-0441013593"), query(byCairn, "SELECT isbn FROM books WHERE title = 'Dune'"),
                "the placeholder was replaced");
        assertTrue(cairn(byCairn).build().migrate().applied().isEmpty(), "up to date");
    }

    @Test
    void aDatabaseFlywayBuiltIsAdoptedAndCairnAppliesOnlyWhatFlywayHadNot() throws Exception {
        PostgresServer.Database database = server.createDatabase();
        // Flyway ran up to 2 on this database; the team then moved to Cairn.
        Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/corpus")
                .placeholders(PLACEHOLDERS).target("2").load().migrate();
        PostgresServer.Database reference = server.createDatabase();
        flyway(reference).migrate();

        Migrator migrator = cairn(database).build();
        FlywayAdoptionReport adopted = migrator.adoptFlyway();
        MigrationReport continued = migrator.migrate();

        assertEquals(List.of("1", "1.1", "1.2", "1.10", "2"), adopted.adopted().stream()
                .map(MigrationDescriptor::version).map(Object::toString).collect(Collectors.toList()));
        assertEquals(List.of("2.1", "3", "R Book count", "R Shop window"), names(continued),
                "nothing Flyway ran is run again; the repeatable ones once, their checksums being Flyway's");
        assertEquals(schema(reference), schema(database));
        for (String table : TABLES) {
            assertEquals(rows(reference, table), rows(database, table), table);
        }
        assertTrue(migrator.migrate().applied().isEmpty(), "up to date");
        assertTrue(migrator.validate().isValid(), migrator.validate().toString());
    }

    /**
     * The next release of the folder: a script deleted upstream after it ran (Flyway:
     * {@code ignoreMigrationPatterns=*:missing}; Cairn: {@code forget}, once, recorded) and a script
     * merged with a version below applied ones (both: out of order). Same schema and data again.
     */
    @Test
    void theNextReleaseWithADeletedAndALateScriptEndsTheSameWithBothTools() throws Exception {
        PostgresServer.Database byFlyway = server.createDatabase();
        PostgresServer.Database byCairn = server.createDatabase();
        flyway(byFlyway).migrate();
        cairn(byCairn).applicationName("bookshop").build().migrate();

        Flyway.configure().dataSource(byFlyway.dataSource()).locations("classpath:db/corpus-2")
                .placeholders(PLACEHOLDERS).outOfOrder(true).ignoreMigrationPatterns("*:missing")
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false")).load().migrate();
        Migrator.Builder release2 = Migrator.builder(dev.cairn.it.corpus.release2.MigrationRegistry.INSTANCE)
                .dataSource(byCairn.dataSource()).applicationName("bookshop");
        PLACEHOLDERS.forEach(release2::placeholder);

        // What an operator sees first: both cases named as what they are.
        ValidationReport report = release2.build().validate();
        assertEquals(List.of(ValidationProblem.Kind.OUT_OF_ORDER, ValidationProblem.Kind.APPLIED_DELETED),
                report.problems().stream().map(ValidationProblem::kind).sorted().collect(Collectors.toList()),
                report.toString());
        assertEquals(List.of(MigrationVersion.parse("1.1")), release2.build().forget(MigrationVersion.parse("1.1")));
        MigrationReport late = release2.outOfOrder(true).build().migrate();

        assertEquals(List.of("1.11"), names(late));
        assertEquals(schema(byFlyway), schema(byCairn));
        for (String table : TABLES) {
            assertEquals(rows(byFlyway, table), rows(byCairn, table), table);
        }
        assertTrue(release2.build().validate().isValid(), release2.build().validate().toString());
    }

    /** {@code pg_dump --schema-only}, without either tool's history table and without comments or settings. */
    private static String schema(PostgresServer.Database database) throws IOException, InterruptedException {
        Path pgDump = server.binaries().resolve("pg_dump");
        Process dump = new ProcessBuilder(pgDump.toString(), "--schema-only", "--no-owner", "--no-privileges",
                "--host", "127.0.0.1", "--port", Integer.toString(server.port()), "--username", "postgres",
                database.name()).redirectErrorStream(true).start();
        String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, dump.waitFor(), text);
        List<String> kept = new ArrayList<>();
        for (String statement : text.split(";\n")) {
            // pg_dump 15.14 and later fence the dump with "\\restrict KEY" lines, KEY random per dump.
            String trimmed = Pattern.compile("(?m)^(--|\\\\(un)?restrict ).*$").matcher(statement).replaceAll("")
                    .strip();
            boolean skipping = trimmed.isEmpty() || trimmed.startsWith("SET ") || trimmed.startsWith("SELECT pg_catalog")
                    || trimmed.contains("flyway_schema_history") || trimmed.contains("cairn_schema_history");
            if (!skipping) {
                kept.add(trimmed);
            }
        }
        return String.join(";\n", kept);
    }

    private static List<String> rows(PostgresServer.Database database, String table) throws SQLException {
        return query(database, "SELECT t::text FROM " + table + " t ORDER BY 1");
    }

    private static List<String> query(PostgresServer.Database database, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }
}
