package dev.cairn.runtime.internal.sql;

import dev.cairn.runtime.SqlStatement;
import dev.cairn.runtime.testing.PostgresServer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Executes the split corpus, statement by statement, on real SQLite and real PostgreSQL: the
 * statements the splitter produces are the ones the databases accept, and the data they write
 * shows that strings were not cut.
 */
class SqlCorpusExecutionTest {

    private static void run(Connection connection, String path) throws SQLException {
        for (SqlStatement statement : Corpus.parse(path).statements()) {
            try (Statement jdbc = connection.createStatement()) {
                jdbc.setEscapeProcessing(false);
                jdbc.execute(statement.sql());
            } catch (SQLException e) {
                throw new AssertionError(path + " line " + statement.line() + " was refused: " + e.getMessage()
                        + "\n" + statement.sql(), e);
            }
        }
    }

    private static List<String> rows(Connection connection, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i == 1 ? "" : "|").append(result.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private static Connection sqlite() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite::memory:");
    }

    private static Connection postgres() throws SQLException {
        return PostgresServer.shared().createDatabase().dataSource().getConnection();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void commonCorpusRunsOnBothDatabasesWithStringsIntact(String database) throws SQLException {
        try (Connection quotes = database.equals("sqlite") ? sqlite() : postgres()) {
            run(quotes, "common/quotes.sql");
            assertEquals(List.of("a;b|it's; fine", "-- not a comment|/* not a comment either */",
                    "multi\nline; string|'"), rows(quotes, "SELECT * FROM \"odd;name\""));
        }
        try (Connection comments = database.equals("sqlite") ? sqlite() : postgres()) {
            run(comments, "common/comments.sql");
            assertEquals(List.of("1|one", "2|two"), rows(comments, "SELECT * FROM notes ORDER BY id"));
        }
        try (Connection empty = database.equals("sqlite") ? sqlite() : postgres()) {
            run(empty, "common/empty_and_unterminated.sql");
            assertEquals(List.of("1", "2"), rows(empty, "SELECT id FROM items ORDER BY id"));
        }
        try (Connection crlf = database.equals("sqlite") ? sqlite() : postgres()) {
            run(crlf, "common/crlf.sql");
            assertEquals(List.of("1|one", "2|two"), rows(crlf, "SELECT * FROM crlf ORDER BY id"));
        }
    }

    @Test
    void sqliteTriggersAndQuotedIdentifiersRunOnSqlite() throws SQLException {
        try (Connection connection = sqlite()) {
            run(connection, "sqlite/trigger.sql");
            assertEquals(List.of("overdrawn"), rows(connection, "SELECT status FROM accounts"));
            assertEquals(List.of("1|created", "1|balance; changed", "1|poor"),
                    rows(connection, "SELECT * FROM audit ORDER BY rowid"));
            run(connection, "sqlite/identifiers.sql");
            assertEquals(List.of("1|x;y"), rows(connection, "SELECT * FROM `back;tick`"));
        }
    }

    @Test
    void postgresFunctionsEscapeStringsAndDollarQuotesRunOnPostgres() throws SQLException {
        try (Connection connection = postgres()) {
            run(connection, "postgres/functions.sql");
            assertEquals(List.of("visits|1"), rows(connection, "SELECT * FROM counters"));
            assertEquals(List.of("2|visits; has 2|4|negative"),
                    rows(connection, "SELECT bump('visits'), describe('visits'), add_one(3), sign_of(-7)"));
        }
        try (Connection connection = postgres()) {
            run(connection, "postgres/strings.sql");
            assertEquals(List.of("1|it's; escaped", "2|back\\slash; 'quoted'", "3|plain \\ backslash; 'doubled'",
                    "4|dollar; 'quoted'", "5|tagged $$; quote", "6|ab", "7|y;2", "8|ruled"),
                    rows(connection, "SELECT * FROM texts ORDER BY id"));
            assertEquals(List.of("8", "108"), rows(connection, "SELECT id FROM texts_log ORDER BY id"));
        }
    }
}
