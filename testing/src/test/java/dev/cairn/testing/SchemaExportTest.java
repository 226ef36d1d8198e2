package dev.cairn.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.Registry;
import dev.cairn.runtime.testing.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema after each version as files for review, and the test that keeps them current. */
class SchemaExportTest {

    private static final Registry SHOP = TestRegistry.builder()
            .migration(1).up("CREATE TABLE orders (id INTEGER PRIMARY KEY)")
            .migration(2).dependsOn(1).up("ALTER TABLE orders ADD COLUMN note TEXT")
            .build();

    @TempDir
    Path folder;

    @Test
    void oneFilePerVersionEachMigrationADiff() throws Exception {
        try (MigrationTester tester = MigrationTester.sqlite(SHOP)) {
            assertEquals(List.of(folder.resolve("1.schema"), folder.resolve("2.schema")), tester.exportSchemas(folder));
        }
        assertEquals("-- The schema after migration 2, written by Cairn (dev.cairn.testing.SchemaExport).\n"
                + "-- Do not edit: refresh with -Dcairn.updateSchemas=true.\n"
                + "table orders\n"
                + "table orders: column id INTEGER null primary key\n"
                + "table orders: column note TEXT null\n", Files.readString(folder.resolve("2.schema")));
        try (MigrationTester tester = MigrationTester.sqlite(SHOP)) {
            tester.assertExportedSchemasAreCurrent(folder);
        }
    }

    @Test
    void staleMissingAndExtraFilesAreNamedWithTheWayToRefreshThem() throws Exception {
        try (MigrationTester tester = MigrationTester.sqlite(SHOP)) {
            tester.exportSchemas(folder);
        }
        Registry changed = TestRegistry.builder()
                .migration(1).up("CREATE TABLE orders (id INTEGER PRIMARY KEY)")
                .migration(2).dependsOn(1).up("ALTER TABLE orders ADD COLUMN note TEXT NOT NULL DEFAULT ''")
                .migration(3).dependsOn(2).up("CREATE INDEX orders_by_note ON orders (note)")
                .build();
        Files.writeString(folder.resolve("9.schema"), "table gone\n");

        try (MigrationTester tester = MigrationTester.sqlite(changed)) {
            AssertionError failure = assertThrows(AssertionError.class,
                    () -> tester.assertExportedSchemasAreCurrent(folder));

            String message = failure.getMessage();
            assertTrue(message.contains(folder.resolve("2.schema") + " is stale; the migrations now give:\n"
                    + "    table orders: column note TEXT null is gone\n"
                    + "    table orders: column note TEXT not null default '' is new"), message);
            assertTrue(message.contains(folder.resolve("3.schema") + " is missing (the schema after migration 3)"),
                    message);
            assertTrue(message.contains(folder.resolve("9.schema") + " is for no migration of the registry"), message);
            assertTrue(message.endsWith("refresh the files with -Dcairn.updateSchemas=true (for example mvn test "
                    + "-Dcairn.updateSchemas=true) and review their diff."), message);
        }
    }

    @Test
    void aFileEditedIntoNonsenseIsAnErrorNamingIt() throws Exception {
        try (MigrationTester tester = MigrationTester.sqlite(SHOP)) {
            tester.exportSchemas(folder);
        }
        Files.writeString(folder.resolve("1.schema"), "table orders\n<<<<<<< HEAD\n");

        try (MigrationTester tester = MigrationTester.sqlite(SHOP)) {
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> tester.assertExportedSchemasAreCurrent(folder));
            assertEquals("The exported schema " + folder.resolve("1.schema") + " cannot be read: line 2 (\"<<<<<<< "
                    + "HEAD\") is not a schema fact (table, index, view, trigger, function or enum). It was edited by "
                    + "hand: write it again with -Dcairn.updateSchemas=true.", failure.getMessage());
        }
    }
}
