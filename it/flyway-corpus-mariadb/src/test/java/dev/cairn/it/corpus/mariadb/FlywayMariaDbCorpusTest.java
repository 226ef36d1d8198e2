package dev.cairn.it.corpus.mariadb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.ExecutedMigration;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationReport;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.testing.MariaDbServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 20 on MariaDB: a Flyway-style folder with the mysql client's syntax (DELIMITER blocks, backtick
 * identifiers, {@code #} comments, backslash escapes) applied unchanged by Flyway and by Cairn gives
 * the same schema ({@code mariadb-dump --no-data}, both history tables left out) and the same data;
 * then a database Flyway built is adopted and Cairn applies only what Flyway had not.
 */
class FlywayMariaDbCorpusTest {

    private static final Map<String, String> PLACEHOLDERS = Map.of("isbn_prefix", "978");
    private static final List<String> TABLES = List.of("books", "authors", "book_audit");
    private static MariaDbServer server;

    @BeforeAll
    static void server() {
        server = MariaDbServer.shared();
    }

    private static Flyway flyway(MariaDbServer.Database database, String target) {
        return Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/corpus-mariadb")
                .placeholders(PLACEHOLDERS).target(target).load();
    }

    private static Migrator cairn(MariaDbServer.Database database) {
        Migrator.Builder builder = Migrator.builder(MigrationRegistry.INSTANCE).dataSource(database.dataSource());
        PLACEHOLDERS.forEach(builder::placeholder);
        return builder.build();
    }

    private static List<String> names(MigrationReport report) {
        return report.applied().stream().map(ExecutedMigration::migration)
                .map(m -> m.repeatable() ? "R " + m.description() : m.version().toString())
                .collect(Collectors.toList());
    }

    @Test
    void theFolderBuildsTheSameSchemaAndDataWithFlywayAndWithCairn() throws Exception {
        MariaDbServer.Database byFlyway = server.createDatabase();
        MariaDbServer.Database byCairn = server.createDatabase();

        flyway(byFlyway, "latest").migrate();
        MigrationReport report = cairn(byCairn).migrate();

        assertEquals(List.of("1", "1.1", "1.2", "1.10", "2", "3", "R Shop window"), names(report));
        String schema = schema(byCairn);
        for (String object : List.of("CREATE TABLE `books`", "FUNCTION `price_with_tax`", "TRIGGER books_price_audit",
                "VIEW `shop_window` AS select", "CONSTRAINT `books_author`")) {
            assertTrue(schema.contains(object), "the compared dump has " + object + ":\n" + schema);
        }
        assertEquals(schema(byFlyway), schema);
        for (String table : TABLES) {
            assertEquals(rows(byFlyway, table), rows(byCairn, table), table);
        }
        assertEquals(rows(byFlyway, "shop_window"), rows(byCairn, "shop_window"));
        assertEquals(List.of("It's a title with a quote; a semicolon and a backslash \\"),
                query(byCairn, "SELECT title FROM books WHERE isbn IS NULL"), "the mysql client's escapes");
        assertTrue(cairn(byCairn).migrate().applied().isEmpty(), "up to date");
    }

    @Test
    void aDatabaseFlywayBuiltIsAdoptedAndCairnAppliesOnlyWhatFlywayHadNot() throws Exception {
        MariaDbServer.Database database = server.createDatabase();
        flyway(database, "2").migrate();
        MariaDbServer.Database reference = server.createDatabase();
        flyway(reference, "latest").migrate();

        Migrator migrator = cairn(database);
        List<String> adopted = migrator.adoptFlyway().adopted().stream().map(MigrationDescriptor::version)
                .map(Object::toString).collect(Collectors.toList());
        MigrationReport continued = migrator.migrate();

        assertEquals(List.of("1", "1.1", "1.2", "1.10", "2"), adopted);
        assertEquals(List.of("3", "R Shop window"), names(continued));
        assertEquals(schema(reference), schema(database));
        for (String table : TABLES) {
            assertEquals(rows(reference, table), rows(database, table), table);
        }
        assertTrue(migrator.validate().isValid(), migrator.validate().toString());
    }

    /**
     * {@code mariadb-dump --no-data} with routines and triggers, without either tool's history table,
     * the dump's session settings and counters that differ between two equal schemas.
     */
    private static String schema(MariaDbServer.Database database) throws IOException, InterruptedException {
        Process dump = new ProcessBuilder("mariadb-dump", "--no-data", "--routines", "--triggers", "--skip-comments",
                "--skip-add-drop-table", "--skip-dump-date", "--skip-ssl", "--host=127.0.0.1",
                "--port=" + server.port(), "--user=root", database.name()).redirectErrorStream(true).start();
        String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, dump.waitFor(), text);
        List<String> kept = new ArrayList<>();
        for (String statement : text.split(";;|;\n")) {
            String trimmed = statement.replaceAll("AUTO_INCREMENT=\\d+ ", "").strip();
            boolean skipped = trimmed.isEmpty() || trimmed.startsWith("/*!40") || trimmed.startsWith("/*!50003 SET")
                    || trimmed.startsWith("DELIMITER") || trimmed.startsWith("SET ")
                    || trimmed.contains("flyway_schema_history") || trimmed.contains("cairn_schema_history")
                    || trimmed.contains("cairn_lock");
            if (!skipped) {
                kept.add(trimmed);
            }
        }
        return String.join(";\n", kept);
    }

    private static List<String> rows(MariaDbServer.Database database, String table) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int column = 1; column <= columns; column++) {
                    row.add(result.getString(column));
                }
                values.add(String.join("|", row));
            }
        }
        return values;
    }

    private static List<String> query(MariaDbServer.Database database, String sql) throws SQLException {
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
