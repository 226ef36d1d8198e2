package dev.cairn.runtime.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.InfoReport;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.testing.PostgresServer;
import dev.cairn.runtime.testing.TestRegistry;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A fresh PostgreSQL database gets no failed statement from Cairn. Before, an operation's first
 * reads of the history table ran before anything had created it and failed, and the server logged
 * each failure as {@code ERROR: relation "public.<history table>" does not exist} with the
 * statement: two per first {@code migrate}, one per {@code info} or {@code validate}, at every
 * first deploy and for every new tenant of a fleet, in a log that operators watch for errors. The
 * statement that begins each operation now also sees whether the table exists, so a missing one
 * is not read before the lock (which creates it).
 */
class PostgresFreshDatabaseTest {

    private static TestRegistry registry() {
        return TestRegistry.builder().fingerprinted()
                .migration(1).up("CREATE TABLE books (id INT)")
                .migration(2).dependsOn(1).up("INSERT INTO books VALUES (1)")
                .build();
    }

    @Test
    void aFreshDatabaseFoundThroughTheSearchPathGetsNoErrorInTheServerLog() throws Exception {
        PostgresServer server = PostgresServer.shared();
        PostgresServer.Database database = server.createDatabase();
        String table = "fresh_search_path_history";
        Migrator migrator = Migrator.builder(registry()).dataSource(database.dataSource()).historyTable(table).build();

        InfoReport before = migrator.info();
        assertTrue(migrator.validate().isValid());
        assertEquals(2, migrator.migrate().applied().size());
        assertEquals(0, migrator.migrate().applied().size(), "the next start finds it up to date");

        assertEquals(2, before.migrations().size());
        assertEquals(List.of(), errorsAbout(server, table));
    }

    @Test
    void aFreshDatabaseWithAConfiguredSchemaGetsNoErrorInTheServerLog() throws Exception {
        PostgresServer server = PostgresServer.shared();
        PostgresServer.Database database = server.createDatabase();
        String table = "fresh_configured_history";
        Migrator migrator = Migrator.builder(registry()).dataSource(database.dataSource()).historySchema("public")
                .historyTable(table).build();

        migrator.info();
        assertEquals(2, migrator.migrate().applied().size());
        assertEquals(0, migrator.migrate().applied().size(), "the next start finds it up to date");

        assertEquals(List.of(), errorsAbout(server, table));
    }

    /** The server's ERROR lines (and the statements they quote) that name {@code table}. */
    private static List<String> errorsAbout(PostgresServer server, String table) throws IOException {
        List<String> lines = server.serverLog().lines().collect(Collectors.toList());
        List<String> errors = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("ERROR:") && (lines.get(i).contains(table)
                    || i + 1 < lines.size() && lines.get(i + 1).contains(table))) {
                errors.add(lines.get(i));
            }
        }
        return errors;
    }
}
