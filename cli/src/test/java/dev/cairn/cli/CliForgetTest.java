package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An applied migration deleted from the code, at the command line (issue 20 §4). */
class CliForgetTest {
    @TempDir
    Path directory;

    @Test
    void validateNamesTheDeletedMigrationAndForgetRecordsIt() {
        String url = "jdbc:sqlite:" + directory.resolve("shop.db");
        TestRegistry deployed = new TestRegistry()
                .sql(1, "Create a", "CREATE TABLE a (id INTEGER)", null)
                .sql(2, "Tmp fix", "CREATE TABLE tmp_fix (id INTEGER)", null, 1)
                .sql(3, "Create c", "CREATE TABLE c (id INTEGER)", null, 2);
        TestRegistry withoutTwo = new TestRegistry()
                .sql(1, "Create a", "CREATE TABLE a (id INTEGER)", null)
                .sql(3, "Create c", "CREATE TABLE c (id INTEGER)", null, 1);
        assertEquals(Cli.EXIT_SUCCESS, CliRun.withDefault(deployed, url, "migrate").status);

        CliRun validate = CliRun.withDefault(withoutTwo, url, "validate");
        assertEquals(Cli.EXIT_FAILURE, validate.status, validate.toString());
        assertTrue(validate.out.contains("2 [APPLIED_DELETED] Migration 2 (Tmp fix) is applied in the database, but this "
                + "application has no migration 2"), validate.out);
        assertTrue(validate.out.contains("record it with 'forget --version 2'"), validate.out);
        assertFalse(validate.out.contains("newer"), validate.out);

        CliRun known = CliRun.withDefault(withoutTwo, url, "forget", "--version", "3");
        assertEquals(Cli.EXIT_USAGE, known.status, known.toString());
        assertTrue(known.err.contains("--version 3 is one of this application's migrations"), known.err);

        CliRun forget = CliRun.withDefault(withoutTwo, url, "forget", "--version", "2");
        assertEquals(Cli.EXIT_SUCCESS, forget.status, forget.toString());
        assertTrue(forget.out.contains("Forgot migration 2 in " + url), forget.out);
        assertEquals(Cli.EXIT_SUCCESS, CliRun.withDefault(withoutTwo, url, "validate").status);
        CliRun info = CliRun.withDefault(withoutTwo, url, "info");
        assertTrue(info.out.matches("(?s).*\\n2 +Tmp fix +forgotten.*"), info.out);
        assertTrue(CliRun.withDefault(withoutTwo, url, "forget", "--version", "2").out
                .contains("Migration 2 was already forgotten"));
    }

    @Test
    void versionsWithPartsAreNamedAsWrittenAndTakenByEveryCommand() {
        String url = "jdbc:sqlite:" + directory.resolve("dotted.db");
        TestRegistry deployed = new TestRegistry()
                .sql("1", "Create a", "CREATE TABLE a (id INTEGER)")
                .sql("1.1", "Tmp fix", "CREATE TABLE tmp_fix (id INTEGER)", "1")
                .sql("1.10", "Create c", "CREATE TABLE c (id INTEGER)", "1.1");
        TestRegistry withoutIt = new TestRegistry()
                .sql("1", "Create a", "CREATE TABLE a (id INTEGER)")
                .sql("1.10", "Create c", "CREATE TABLE c (id INTEGER)", "1")
                .sql("2", "Create d", "CREATE TABLE d (id INTEGER)", "1.10");
        CliRun partial = CliRun.withDefault(deployed, url, "migrate", "--target", "1_1");
        assertEquals(Cli.EXIT_SUCCESS, partial.status, partial.toString());
        assertTrue(partial.out.contains("1.1  Tmp fix"), partial.out);
        assertEquals(Cli.EXIT_SUCCESS, CliRun.withDefault(deployed, url, "migrate").status);

        CliRun validate = CliRun.withDefault(withoutIt, url, "validate");
        assertEquals(Cli.EXIT_FAILURE, validate.status, validate.toString());
        assertTrue(validate.out.contains("1.1 [APPLIED_DELETED] Migration 1.1 (Tmp fix) is applied in the database, "
                + "but this application has no migration 1.1"), validate.out);
        assertTrue(validate.out.contains("record it with 'forget --version 1.1'"), validate.out);

        CliRun forget = CliRun.withDefault(withoutIt, url, "forget", "--version", "1.1");
        assertEquals(Cli.EXIT_SUCCESS, forget.status, forget.toString());
        CliRun plan = CliRun.withDefault(withoutIt, url, "--json", "plan");
        assertTrue(plan.out.contains("\"version\":2,"), plan.out);
        CliRun info = CliRun.withDefault(withoutIt, url, "--json", "info");
        assertTrue(info.out.contains("\"version\":\"1.10\""), info.out);
        assertTrue(info.out.contains("\"version\":\"1.1\""), info.out);
        CliRun text = CliRun.withDefault(withoutIt, url, "info");
        assertTrue(text.out.matches("(?s).*\\n1\\.1 +Tmp fix +forgotten.*"), text.out);
        CliRun malformed = CliRun.withDefault(withoutIt, url, "forget", "--version", "1..1");
        assertEquals(Cli.EXIT_USAGE, malformed.status, malformed.toString());
    }
}
