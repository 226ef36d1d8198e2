package dev.cairn.runtime.internal.sql;

import dev.cairn.runtime.SqlStatement;
import dev.cairn.runtime.internal.ApiValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which statements {@link SqlStatement#isTransactionControl()} reports, in both dialects' spellings. */
class TransactionControlTest {

    private static boolean control(String sql) {
        return ApiValues.get().sqlStatement(sql, 1).isTransactionControl();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "BEGIN", "begin", "BEGIN TRANSACTION", "BEGIN WORK", "BEGIN DEFERRED", "BEGIN IMMEDIATE TRANSACTION",
            "begin exclusive", "START TRANSACTION", "start transaction isolation level serializable",
            "COMMIT", "commit work", "COMMIT TRANSACTION", "END", "END TRANSACTION", "end work", "ABORT",
            "ROLLBACK", "rollback work", "ROLLBACK TRANSACTION", "ROLLBACK PREPARED 'x'", "COMMIT PREPARED 'x'",
            "PREPARE TRANSACTION 'x'", "  -- a comment first\n  BEGIN", "/* a /* nested */ comment */ COMMIT",
    })
    void beginningOrEndingATransactionIsTransactionControl(String sql) {
        assertTrue(control(sql), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SAVEPOINT before_backfill", "RELEASE SAVEPOINT before_backfill", "RELEASE before_backfill",
            "ROLLBACK TO SAVEPOINT before_backfill", "rollback to before_backfill",
            "ROLLBACK TRANSACTION TO SAVEPOINT s", "ROLLBACK WORK TO s",
    })
    void savepointsAreAllowedBecauseTheyStayInsideTheMigrationsTransaction(String sql) {
        assertFalse(control(sql), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT CASE WHEN x THEN 1 END FROM t", "UPDATE t SET ended = 1", "CREATE TABLE begin_dates (id INT)",
            "INSERT INTO log VALUES ('COMMIT')", "PREPARE plan AS SELECT 1", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE",
            "-- BEGIN\nSELECT 1", "START_TIME", "ENDING",
    })
    void otherStatementsMentioningTheWordsAreNot(String sql) {
        assertFalse(control(sql), sql);
    }

    @Test
    void endClosingATriggerBodyOrCaseInsideItDoesNotCount() {
        List<SqlStatement> statements = Corpus.parse("sqlite/trigger.sql").statements();

        assertEquals(0, statements.stream().filter(SqlStatement::isTransactionControl).count());
    }

    @Test
    void beginInsideDollarQuotedBodiesAndBeginAtomicDoesNotCount() {
        List<SqlStatement> statements = Corpus.parse("postgres/functions.sql").statements();

        assertEquals(0, statements.stream().filter(SqlStatement::isTransactionControl).count());
    }

    @Test
    void theLineOfATransactionControlStatementIsKnown() {
        List<SqlStatement> statements = SqlScript.parse("V2__x.sql",
                "CREATE TABLE a (id INT);\n\n-- commit what we have\nCOMMIT;\nCREATE TABLE b (id INT);").statements();

        assertEquals(List.of(4), statements.stream().filter(SqlStatement::isTransactionControl)
                .map(SqlStatement::line).toList());
    }
}
