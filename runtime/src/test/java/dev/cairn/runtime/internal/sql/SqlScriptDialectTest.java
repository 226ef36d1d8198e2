package dev.cairn.runtime.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.SqlScriptException;
import dev.cairn.runtime.SqlStatement;
import dev.cairn.runtime.internal.ApiValues;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dialect a script declares ({@code -- dialect: mysql}), and what a script without one may not do. */
class SqlScriptDialectTest {

    private static List<SqlStatement> split(String text) {
        return SqlScript.parse("test.sql", text).statements();
    }

    private static SqlStatement statement(String sql, int line) {
        return ApiValues.get().sqlStatement(sql, line);
    }

    private static SqlScriptException refused(String text) {
        return assertThrows(SqlScriptException.class, () -> SqlScript.parse("test.sql", text));
    }

    @Test
    void mysqlScriptIsSplitAsTheMysqlClientReadsItWithDelimiterBlocks() {
        List<SqlStatement> statements = Corpus.parse("mysql/routines.sql").statements();

        assertEquals(List.of(
                statement("CREATE TABLE `order;items` (id INT PRIMARY KEY, note VARCHAR(100), total INT NOT NULL "
                        + "DEFAULT 0)", 3),
                statement("INSERT INTO `order;items` (id, note) VALUES (1, 'it\\'s; escaped'), (2, \"say \\\"hi\\\"; "
                        + "twice\")", 4),
                statement("INSERT INTO `order;items` (id, note) VALUES (3, 'back\\\\')", 5),
                statement("/*!40101 SET @cairn_versioned = 1 */", 6),
                statement("CREATE PROCEDURE add_item(IN item_id INT, IN item_note VARCHAR(100))\nBEGIN\n"
                        + "    DECLARE doubled INT;\n    SET doubled = item_id * 2;\n"
                        + "    INSERT INTO `order;items` (id, note) VALUES (item_id, item_note);\n"
                        + "    IF doubled > 100 THEN\n        SET doubled = 100;\n    END IF;\nEND", 8),
                statement("CREATE TRIGGER items_total BEFORE INSERT ON `order;items` FOR EACH ROW\nBEGIN\n"
                        + "    SET NEW.total = NEW.id * 10; -- a comment; with a semicolon\nEND", 17),
                statement("CALL add_item(4, 'via; procedure')", 22),
                statement("CREATE FUNCTION tenfold(x INT) RETURNS INT DETERMINISTIC\nBEGIN\n    RETURN x * 10;\nEND", 24),
                statement("CREATE EVENT purge_items ON SCHEDULE EVERY 1 DAY DISABLE\nDO BEGIN\n"
                        + "    DELETE FROM `order;items` WHERE id > 1000; # disabled: created, never run here\n"
                        + "    UPDATE `order;items` SET total = total WHERE id = 0;\nEND", 30),
                statement("INSERT INTO `order;items` (id, note) VALUES (5, CONCAT('f', tenfold(1)))", 36)),
                statements);
    }

    @Test
    void mysqlReadsDashDashAsACommentOnlyBeforeABlank() {
        assertEquals(List.of(statement("SELECT 1--1", 2), statement("SELECT 2", 3), statement("--x", 4)),
                split("-- dialect: mysql\nSELECT 1--1;\nSELECT 2; -- a comment\n--x"));
    }

    @Test
    void mysqlHasNoDollarQuotesAndItsClientIgnoresParentheses() {
        assertEquals(List.of(statement("SELECT $$a", 2), statement("b$$", 2)), split("-- dialect: mysql\nSELECT $$a; b$$"));
    }

    @Test
    void mysqlBlockBodyWithoutDelimiterIsRefusedNamingTheFix() {
        SqlScriptException e = refused("-- dialect: mysql\nCREATE TABLE t (id INT);\n"
                + "CREATE DEFINER = CURRENT_USER PROCEDURE p()\nBEGIN\n  SELECT 1;\nEND;");

        assertEquals(3, e.line());
        assertTrue(e.problem().contains("has a BEGIN ... END body, and the mysql client ends it at the first ';' "
                + "inside the body (line 5). Put 'DELIMITER //' on the line before it"), e.problem());
        assertFalse(ScriptDialect.isDialectProblem(e));
    }

    @Test
    void mysqlDelimiterBeforeTheStatementEndedIsRefused() {
        SqlScriptException e = refused("-- dialect: mysql\nINSERT INTO t VALUES (1)\nDELIMITER //\nSELECT 1//");

        assertEquals(3, e.line());
        assertTrue(e.problem().startsWith("DELIMITER comes before the statement that starts at line 2 ended"),
                e.problem());
    }

    @Test
    void mysqlDelimiterWithoutATokenOrWithABackslashIsRefused() {
        assertTrue(refused("-- dialect: mysql\nDELIMITER\nSELECT 1").problem().startsWith("DELIMITER names no delimiter"));
        assertTrue(refused("-- dialect: mysql\nDELIMITER a\\b\nSELECT 1").problem().contains("contains a backslash"));
    }

    @Test
    void mysqlDelimiterMayBeQuotedAndAnyCase() {
        assertEquals(List.of(statement("SELECT 1; SELECT 2", 3), statement("SELECT 3", 5)),
                split("-- dialect: mysql\ndelimiter '||'\nSELECT 1; SELECT 2||\nDelimiter ;\nSELECT 3"));
    }

    @Test
    void scriptWithoutDialectUsingDelimiterIsRefusedAsADialectProblem() {
        SqlScriptException e = refused("CREATE TABLE t (id INT);\n\nDELIMITER //\nCREATE PROCEDURE p() BEGIN END //");

        assertEquals(3, e.line());
        assertTrue(e.problem().startsWith("the script declares no dialect, and it has a DELIMITER command, which only "
                + "the mysql client reads. Name the script's dialect in its first lines: '-- dialect: mysql' for MySQL "
                + "and MariaDB, or '-- dialect: standard' for PostgreSQL, SQLite and H2."), e.problem());
        assertTrue(ScriptDialect.isDialectProblem(e));
    }

    @Test
    void scriptWithoutDialectUsingAHashCommentLineIsRefused() {
        SqlScriptException e = refused("CREATE TABLE t (id INT);\n# a MySQL comment\nSELECT 1");

        assertEquals(2, e.line());
        assertTrue(e.problem().contains("a line starting with '#'"), e.problem());
        assertTrue(ScriptDialect.isDialectProblem(e));
    }

    @Test
    void scriptWithoutDialectWithABackslashBeforeAQuoteIsRefusedBecauseMysqlSplitsItDifferently() {
        SqlScriptException e = refused("CREATE TABLE t (v TEXT);\nINSERT INTO t VALUES ('it\\'s; a trap');\nSELECT 1");

        assertEquals(2, e.line());
        assertTrue(e.problem().contains("a backslash before ' inside string literal '...: MySQL and MariaDB read it "
                + "as an escaped quote"), e.problem());
        assertTrue(ScriptDialect.isDialectProblem(e));
        assertTrue(ScriptDialect.isDialectProblem(refused("SELECT \"a\\\"; b\" FROM t")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT 'C:\\temp\\new'", "SELECT 'a\\\\'", "SELECT 'plain \\ backslash; ''doubled'''",
            "SELECT E'it\\'s'", "SELECT `a\\`"})
    void scriptWithoutDialectMayHoldBackslashesThatSplitAlikeEverywhere(String sql) {
        assertEquals(List.of(statement(sql, 1), statement("SELECT 2", 1)), split(sql + "; SELECT 2"));
    }

    @Test
    void standardScriptReadsABackslashAsAPlainCharacter() {
        assertEquals(List.of(statement("SELECT 'a\\'", 3), statement("SELECT 2", 3)),
                split("-- a comment\n-- Dialect: PostgreSQL\nSELECT 'a\\'; SELECT 2"));
    }

    @Test
    void unknownOrRepeatedDialectIsRefusedAtItsLine() {
        SqlScriptException unknown = refused("-- depends-on: 1\n-- dialect: oracle\nSELECT 1");
        assertEquals(2, unknown.line());
        assertTrue(unknown.problem().startsWith("'-- dialect:' names 'oracle', which Cairn does not know. Write "
                + "'-- dialect: mysql'"), unknown.problem());

        SqlScriptException twice = refused("-- dialect: mysql\n-- dialect: standard\nSELECT 1");
        assertEquals(2, twice.line());
        assertTrue(twice.problem().startsWith("a second '-- dialect:' line"), twice.problem());
    }

    @Test
    void theDeclarationIsReadOnlyFromTheLeadingCommentLines() {
        assertEquals(ScriptDialect.MYSQL, ScriptDialect.declaredIn("t.sql", "\uFEFF\n# mysql first\n-- dialect: MariaDB\n"));
        assertEquals(ScriptDialect.PORTABLE, ScriptDialect.declaredIn("t.sql", "SELECT 1;\n-- dialect: mysql\n"));
    }
}
