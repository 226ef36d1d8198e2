package dev.cairn.runtime.internal.sql;

import dev.cairn.runtime.SqlScriptException;
import dev.cairn.runtime.SqlStatement;
import dev.cairn.runtime.internal.ApiValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How {@link SqlScript#parse} splits the corpus and small scripts into statements, with their lines. */
class SqlScriptSplittingTest {

    private static List<SqlStatement> split(String text) {
        return SqlScript.parse("test.sql", text).statements();
    }

    private static void assertStatements(List<SqlStatement> actual, SqlStatement... expected) {
        assertEquals(List.of(expected), actual);
    }

    @Test
    void separatorsInsideStringsAndQuotedIdentifiersDoNotSplit() {
        assertStatements(Corpus.parse("common/quotes.sql").statements(),
                ApiValues.get().sqlStatement("CREATE TABLE \"odd;name\" (\"semi;colon\" VARCHAR(50), \"say \"\"hi\"\"\" VARCHAR(50))",
                        2),
                ApiValues.get().sqlStatement("INSERT INTO \"odd;name\" VALUES ('a;b', 'it''s; fine')", 4),
                ApiValues.get().sqlStatement("INSERT INTO \"odd;name\" VALUES ('-- not a comment', '/* not a comment either */')",
                        5),
                ApiValues.get().sqlStatement("INSERT INTO \"odd;name\" VALUES ('multi\nline; string', '''')", 6));
    }

    @Test
    void commentsAroundStatementsAreDroppedAndCommentsInsideAreKept() {
        assertStatements(Corpus.parse("common/comments.sql").statements(),
                ApiValues.get().sqlStatement("CREATE TABLE notes (id INT, body VARCHAR(100))", 4),
                ApiValues.get().sqlStatement("INSERT INTO notes VALUES (1, 'one')", 7),
                ApiValues.get().sqlStatement("INSERT INTO notes -- a comment inside; the statement\nVALUES (2, 'two')", 8));
    }

    @Test
    void emptyStatementsAreDroppedAndTheLastNeedsNoSemicolon() {
        assertStatements(Corpus.parse("common/empty_and_unterminated.sql").statements(),
                ApiValues.get().sqlStatement("CREATE TABLE items (id INT)", 2),
                ApiValues.get().sqlStatement("INSERT INTO items VALUES (1)", 5),
                ApiValues.get().sqlStatement("INSERT INTO items VALUES (2)", 6));
    }

    @Test
    void crlfScriptsSplitWithLfAndTheRightLines() {
        assertStatements(Corpus.parse("common/crlf.sql").statements(),
                ApiValues.get().sqlStatement("CREATE TABLE crlf (id INT, name VARCHAR(20))", 1),
                ApiValues.get().sqlStatement("INSERT INTO crlf VALUES (1, 'one')", 4),
                ApiValues.get().sqlStatement("INSERT INTO crlf\nVALUES (2, 'two')", 5));
    }

    @Test
    void oldMacLineEndingsAndAByteOrderMarkAreHandled() {
        assertStatements(split("\uFEFFSELECT 1;\rSELECT\r2;"),
                ApiValues.get().sqlStatement("SELECT 1", 1), ApiValues.get().sqlStatement("SELECT\n2", 2));
    }

    @Test
    void sqliteTriggerBodyWithSeveralStatementsAndCaseIsOneStatement() {
        List<SqlStatement> statements = Corpus.parse("sqlite/trigger.sql").statements();

        assertEquals(List.of(1, 2, 5, 17, 22, 23), statements.stream().map(SqlStatement::line).toList());
        SqlStatement trigger = statements.get(2);
        assertTrue(trigger.sql().startsWith("CREATE TRIGGER accounts_audit AFTER UPDATE OF balance ON accounts\nBEGIN"),
                trigger.sql());
        assertTrue(trigger.sql().endsWith("ELSE 'poor' END;\nEND"), trigger.sql());
        assertTrue(statements.get(3).sql().startsWith("create temp trigger if not exists accounts_insert"));
        assertTrue(statements.get(3).sql().endsWith("'created');\nend"));
        assertEquals("UPDATE accounts SET balance = -5 WHERE id = 1", statements.get(5).sql());
    }

    @Test
    void backtickAndBracketIdentifiersHoldSeparators() {
        assertEquals(List.of(
                ApiValues.get().sqlStatement("CREATE TABLE `back;tick` (`a``b` INTEGER, [bra;cket] TEXT)", 2),
                ApiValues.get().sqlStatement("INSERT INTO `back;tick` (`a``b`, [bra;cket]) VALUES (1, 'x;y')", 3),
                ApiValues.get().sqlStatement("SELECT [bra;cket] FROM `back;tick` WHERE `a``b` = 1", 4)),
                Corpus.parse("sqlite/identifiers.sql").statements());
    }

    @Test
    void dollarQuotedBodiesTaggedQuotesAndBeginAtomicAreOneStatementEach() {
        List<SqlStatement> statements = Corpus.parse("postgres/functions.sql").statements();

        assertEquals(List.of(2, 4, 13, 20, 22, 27), statements.stream().map(SqlStatement::line).toList());
        assertTrue(statements.get(1).sql().endsWith("END;\n$$ LANGUAGE plpgsql"), statements.get(1).sql());
        assertTrue(statements.get(2).sql().endsWith("END;\n$body$ LANGUAGE plpgsql"), statements.get(2).sql());
        assertEquals("CREATE FUNCTION add_one(x INT) RETURNS INT LANGUAGE SQL RETURN $1 + 1", statements.get(3).sql());
        assertTrue(statements.get(4).sql().endsWith("ELSE 'positive' END;\nEND"), statements.get(4).sql());
        assertTrue(statements.get(5).sql().startsWith("DO $$") && statements.get(5).sql().endsWith("END\n$$"));
    }

    @Test
    void escapeStringsDollarQuotesAndNestedCommentsInsideStatements() {
        List<SqlStatement> statements = Corpus.parse("postgres/strings.sql").statements();

        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 17),
                statements.stream().map(SqlStatement::line).toList());
        assertEquals("INSERT INTO texts VALUES (1, E'it\\'s; escaped')", statements.get(1).sql());
        assertEquals("INSERT INTO texts VALUES (3, 'plain \\ backslash; ''doubled''')", statements.get(3).sql());
        assertEquals("INSERT INTO texts VALUES (6, 'a' /* a /* nested */ comment; inside */ || 'b')",
                statements.get(6).sql());
    }

    @Test
    void separatorsInsideParenthesesDoNotSplitSoRuleActionListsStayWhole() {
        SqlStatement rule = Corpus.parse("postgres/strings.sql").statements().get(10);

        assertEquals(ApiValues.get().sqlStatement("CREATE RULE texts_logged AS ON INSERT TO texts DO ALSO (\n"
                + "    INSERT INTO texts_log VALUES (NEW.id);\n"
                + "    INSERT INTO texts_log VALUES (NEW.id + 100)\n"
                + ")", 13), rule);
        assertStatements(split("SELECT (1;\nSELECT 2);\nSELECT 3"), ApiValues.get().sqlStatement("SELECT (1;\nSELECT 2)", 1),
                ApiValues.get().sqlStatement("SELECT 3", 3));
        assertStatements(split("SELECT 1);\nSELECT 2"), ApiValues.get().sqlStatement("SELECT 1)", 1),
                ApiValues.get().sqlStatement("SELECT 2", 2));
    }

    @Test
    void aBackslashEndsAStandardStringWhenFollowedByAQuote() {
        // Standard strings (SQLite, PostgreSQL's default) take a backslash literally. MySQL would not,
        // so the script says which reading it means (SqlScriptDialectTest: without it, it is refused).
        assertStatements(split("-- dialect: standard\nSELECT 'a\\'; SELECT 2"),
                ApiValues.get().sqlStatement("SELECT 'a\\'", 2), ApiValues.get().sqlStatement("SELECT 2", 2));
    }

    @Test
    void identifiersContainingDollarOrEndingInEAreNotQuoteStarts() {
        assertStatements(split("SELECT price$1, e FROM t WHERE name = 'x';\nSELECT $1"),
                ApiValues.get().sqlStatement("SELECT price$1, e FROM t WHERE name = 'x'", 1), ApiValues.get().sqlStatement("SELECT $1", 2));
        assertStatements(split("SELECT type'x'; SELECT 2"), ApiValues.get().sqlStatement("SELECT type'x'", 1),
                ApiValues.get().sqlStatement("SELECT 2", 1));
    }

    @Test
    void caseEndOutsideTriggersDoesNotHoldTheStatementOpen() {
        assertStatements(split("SELECT CASE WHEN 1 = 1 THEN 'a' END;\nSELECT 2;"),
                ApiValues.get().sqlStatement("SELECT CASE WHEN 1 = 1 THEN 'a' END", 1), ApiValues.get().sqlStatement("SELECT 2", 2));
    }

    @Test
    void postgresTriggerWithoutBodyEndsAtItsSemicolon() {
        assertStatements(split("CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW EXECUTE FUNCTION f();\nSELECT 1;"),
                ApiValues.get().sqlStatement("CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW EXECUTE FUNCTION f()", 1),
                ApiValues.get().sqlStatement("SELECT 1", 2));
    }

    @Test
    void aScriptOfOnlyCommentsHasNoStatements() {
        assertEquals(List.of(), split("-- nothing\n/* here; */\n;\n"));
        assertEquals(List.of(), split(""));
    }

    static Stream<Arguments> unterminated() {
        return Stream.of(
                Arguments.of("SELECT 1;\nSELECT 'abc;\nSELECT 3;", 2, "string literal '"),
                Arguments.of("SELECT 1;\n\nSELECT E'it\\'s;", 3, "escape string E'"),
                Arguments.of("SELECT \"abc;", 1, "quoted identifier \""),
                Arguments.of("SELECT 1;\nSELECT `abc;", 2, "quoted identifier `"),
                Arguments.of("SELECT 1;\nSELECT [abc;", 2, "bracketed identifier ["),
                Arguments.of("SELECT 1;\n/* a /* b */ still open;\nSELECT 2;", 2, "block comment /*"),
                Arguments.of("SELECT 1;\nCREATE FUNCTION f() AS $body$ BEGIN; $$ END;", 2, "dollar quote $body$"));
    }

    @ParameterizedTest
    @MethodSource("unterminated")
    void unterminatedQuotesAndCommentsAreRefusedWithTheLineTheyOpenOn(String text, int line, String what) {
        SqlScriptException refused = assertThrows(SqlScriptException.class,
                () -> SqlScript.parse("db/migration/V9__broken.sql", text));

        assertEquals("db/migration/V9__broken.sql", refused.script());
        assertEquals(line, refused.line());
        assertTrue(refused.getMessage().startsWith("db/migration/V9__broken.sql line " + line + ": the " + what),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("never closed"), refused.getMessage());
    }
}
