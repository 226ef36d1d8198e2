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
}
