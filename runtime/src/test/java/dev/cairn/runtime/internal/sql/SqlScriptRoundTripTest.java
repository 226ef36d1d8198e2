package dev.cairn.runtime.internal.sql;

import dev.cairn.runtime.SqlStatement;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The corpus statements, joined again with varied separators, comments and line endings, split
 * back into the same statements: whatever surrounds a statement does not leak into it.
 */
class SqlScriptRoundTripTest {

    private static final String[] BETWEEN = {
        ";\n", ";", " ;\n\n", ";\r\n", ";\r", "; -- a comment; with a separator\n", ";\n/* block; /* nested */ */\n",
        ";;\n;\n", "\n;\n", ";\t-- end\n\n-- another comment\n",
    };

    @ParameterizedTest
    @ValueSource(strings = {"common/quotes.sql", "common/comments.sql", "common/empty_and_unterminated.sql",
            "common/crlf.sql", "sqlite/trigger.sql", "sqlite/identifiers.sql", "postgres/functions.sql",
            "postgres/strings.sql"})
    void statementsJoinedWithAnySeparatorSplitBackUnchanged(String path) {
        List<String> expected = sqlOf(Corpus.parse(path).statements());
        Random random = new Random(path.hashCode());
        for (int round = 0; round < 200; round++) {
            StringBuilder script = new StringBuilder(random.nextBoolean() ? "-- header\n" : "");
            int endOfLastStatement = 0;
            for (String statement : expected) {
                script.append(statement);
                endOfLastStatement = script.length();
                script.append(BETWEEN[random.nextInt(BETWEEN.length)]);
            }
            if (random.nextBoolean()) {
                // The last statement needs no terminator.
                script.setLength(endOfLastStatement);
            }

            assertEquals(expected, sqlOf(SqlScript.parse(path, script.toString()).statements()), script.toString());
        }
    }

    private static List<String> sqlOf(List<SqlStatement> statements) {
        List<String> sql = new ArrayList<>();
        for (SqlStatement statement : statements) {
            sql.add(statement.sql());
        }
        return sql;
    }
}
