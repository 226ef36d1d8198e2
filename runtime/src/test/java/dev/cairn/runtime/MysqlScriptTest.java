package dev.cairn.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A {@code -- dialect: mysql} script, split as the mysql client reads it, applied on the real
 * MariaDB server through both drivers: a procedure, a trigger, a function and an event in DELIMITER blocks,
 * backtick identifiers, # comments and backslash escapes.
 */
class MysqlScriptTest {

    private static final String ROUTINES = "sql/mysql/routines.sql";

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"MARIADB", "MARIADB_MYSQL_DRIVER"})
    void scriptWithDelimiterBlocksCreatesItsProcedureTriggerFunctionAndEventAndRunsThem(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            Registry registry = TestRegistry.builder().migration(1).description("Routines").sqlScript(ROUTINES).build();

            MigrationReport report = Migrator.builder(registry).dataSource(database.dataSource()).build().migrate();

            assertEquals(1, report.applied().size());
            assertEquals(List.of("1|it's; escaped|0", "2|say \"hi\"; twice|0", "3|back\\|0", "4|via; procedure|40",
                    "5|f10|50"), database.column("SELECT concat_ws('|', id, note, total) FROM `order;items` ORDER BY id"));
            assertEquals(List.of("add_item", "tenfold"), database.column("SELECT routine_name FROM "
                    + "information_schema.routines WHERE routine_schema = DATABASE() ORDER BY routine_name"));
            assertEquals(List.of("items_total"), database.column("SELECT trigger_name FROM information_schema.triggers "
                    + "WHERE trigger_schema = DATABASE()"));
            assertEquals(List.of("purge_items"), database.column("SELECT event_name FROM information_schema.events "
                    + "WHERE event_schema = DATABASE()"));
            assertEquals(List.of("1:APPLY"), database.column("SELECT concat(version, ':', event) FROM "
                    + "cairn_schema_history ORDER BY installed_rank"));
        }
    }

    /** A Java migration's SQL on MySQL or MariaDB is split as they read it: the escaped quote does not end the string. */
    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"MARIADB", "MARIADB_MYSQL_DRIVER"})
    void executeSplitsAJavaMigrationsSqlAsMysqlReadsIt(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            Registry registry = TestRegistry.builder().migration(1).up(context -> {
                context.execute("CREATE TABLE notes (body VARCHAR(50))");
                context.execute("INSERT INTO notes VALUES ('it\\'s; one'); INSERT INTO notes VALUES ('two')");
            }).build();

            Migrator.builder(registry).dataSource(database.dataSource()).build().migrate();

            assertEquals(List.of("it's; one", "two"), database.column("SELECT body FROM notes ORDER BY body"));
        }
    }

    @Test
    void mysqlScriptOnAnotherDatabaseIsRefusedBeforeAnyStatementRuns() throws Exception {
        try (TestDatabase database = TestDatabase.Kind.H2.open()) {
            Registry registry = TestRegistry.builder().migration(1).description("Routines").sqlScript(ROUTINES).build();

            MigrationFailedException failure = assertThrows(MigrationFailedException.class,
                    () -> Migrator.builder(registry).dataSource(database.dataSource()).build().migrate());

            assertTrue(failure.getMessage().contains(ROUTINES + ": the script declares '-- dialect: mysql', but the "
                    + "database is H2, which reads a backslash as a plain character, so the script would not be "
                    + "split as it was written. Nothing of it was run."), failure.getMessage());
            assertFalse(database.tableExists("order;items"));
        }
    }
}
