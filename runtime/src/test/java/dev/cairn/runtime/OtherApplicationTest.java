package dev.cairn.runtime;

import static dev.cairn.runtime.testing.Versions.versions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.testing.TestDatabase;
import dev.cairn.runtime.testing.TestRegistry;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two applications on one database (issue 19): each history row records the application that
 * wrote it, and an application pointed at another one's database is told so, instead of being
 * told that its migrations were edited or that the database is newer.
 */
class OtherApplicationTest {

    private static final String USERS = "com.example.users.MigrationRegistry";
    private static final String ORDERS = "com.example.orders.MigrationRegistry";

    /** The first application: versions 1 to 5. */
    private static TestRegistry users() {
        return TestRegistry.builder()
                .migration(1).description("Create users").checksum("users-1").up("CREATE TABLE users (id INT)")
                .migration(2).dependsOn(1).description("Add user email").checksum("users-2")
                .up("ALTER TABLE users ADD COLUMN email VARCHAR(100)")
                .migration(3).dependsOn(2).description("Create roles").checksum("users-3")
                .up("CREATE TABLE roles (id INT)")
                .migration(4).dependsOn(3).description("Create grants").checksum("users-4")
                .up("CREATE TABLE grants (id INT)")
                .migration(5).dependsOn(4).description("Index users").checksum("users-5")
                .up("CREATE INDEX users_id ON users (id)")
                .build();
    }

    /** The second application: versions 1, 2 and 6. */
    private static TestRegistry orders() {
        return TestRegistry.builder()
                .migration(1).description("Create orders").checksum("orders-1").up("CREATE TABLE orders (id INT)")
                .migration(2).dependsOn(1).description("Create order lines").checksum("orders-2")
                .up("CREATE TABLE order_lines (id INT)")
                .migration(6).dependsOn(2).description("Create invoices").checksum("orders-6")
                .up("CREATE TABLE invoices (id INT)")
                .build();
    }

    private static Migrator.Builder builder(TestDatabase database, Registry registry, String application) {
        return Migrator.builder(registry).dataSource(database.dataSource()).applicationName(application);
    }

    private static Migrator migrator(TestDatabase database, Registry registry, String application) {
        return builder(database, registry, application).build();
    }

    private static List<String> rows(TestDatabase database) throws Exception {
        return database.column("SELECT concat(version, ':', event, ':', COALESCE(application, '-')) "
                + "FROM cairn_schema_history ORDER BY installed_rank");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void everyHistoryRowRecordsTheApplicationThatWroteIt(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            // Without applicationName, the registry's class name: stable from build to build.
            Migrator.builder(TestRegistry.builder().migration(1).description("Create users").checksum("users-1")
                    .up("CREATE TABLE users (id INT)").build()).dataSource(database.dataSource()).build().migrate();
            migrator(database, users(), USERS).migrate();

            assertEquals(List.of("1:APPLY:" + TestRegistry.class.getName(), "2:APPLY:" + USERS, "3:APPLY:" + USERS,
                    "4:APPLY:" + USERS, "5:APPLY:" + USERS), rows(database));
            List<MigrationInfo> info = migrator(database, users(), USERS).info().migrations();
            assertEquals(TestRegistry.class.getName(), info.get(0).application().get());
            assertEquals(USERS, info.get(4).application().get());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void applicationPointedAtAnotherApplicationsDatabaseIsToldSoAndNothingChanges(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            migrator(database, users(), USERS).migrate();
            List<String> before = rows(database);
            Migrator orders = migrator(database, orders(), ORDERS);

            DatabaseOfAnotherApplicationException refused = assertThrows(DatabaseOfAnotherApplicationException.class,
                    orders::migrate);

            String message = refused.getMessage();
            assertTrue(message.contains("The database belongs to another application"), message);
            assertTrue(message.contains(USERS + " (1 \"Create users\", 2 \"Add user email\", 3 \"Create roles\", "
                    + "4 \"Create grants\", 5 \"Index users\")"), message);
            assertTrue(message.contains("this application, " + ORDERS + " (its migrations [1, 2, 6])"), message);
            assertTrue(message.contains("Point " + ORDERS + " at its own database"), message);
            for (String misleading : Arrays.asList("newer", "edited", "repair")) {
                assertFalse(message.contains(misleading), misleading + " in: " + message);
            }
            assertEquals(USERS, refused.otherApplication());
            assertEquals(versions(1, 2, 3, 4, 5), refused.otherVersions());
            assertEquals(ORDERS, refused.application());
            assertFalse(database.tableExists("invoices"), "nothing ran");
            assertEquals(before, rows(database));

            // validate, plan and repair say the same; repair does not record this application's checksums.
            ValidationReport report = orders.validate();
            assertEquals(1, report.problems().size(), report.toString());
            assertEquals(ValidationProblem.Kind.OTHER_APPLICATION, report.problems().get(0).kind());
            assertTrue(orders.plan().migrations().isEmpty());
            assertThrows(DatabaseOfAnotherApplicationException.class, orders::repair);
            assertThrows(DatabaseOfAnotherApplicationException.class,
                    () -> builder(database, orders(), ORDERS).validateOnMigrate(false).build().migrate());
            assertThrows(DatabaseOfAnotherApplicationException.class, () -> orders.rollback(1));
            assertThrows(DatabaseOfAnotherApplicationException.class, () -> orders.baseline(6));
            assertEquals(before, rows(database));
            assertFalse(database.tableExists("invoices"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void infoShowsWhatTheHistoryRecordedNotThisApplicationsDescriptions(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            migrator(database, users(), USERS).migrate();

            List<MigrationInfo> info = migrator(database, orders(), ORDERS).info().migrations();

            MigrationInfo first = info.get(0);
            assertEquals(1, first.version().asLong());
            assertEquals("Create users", first.description(), "the stored row, not this application's 'Create orders'");
            assertFalse(first.descriptionMatches());
            assertFalse(first.checksumMatches());
            assertEquals(USERS, first.application().get());
            MigrationInfo six = info.get(2);
            assertEquals(6, six.version().asLong());
            assertEquals(MigrationState.PENDING, six.state());
            assertTrue(six.descriptionMatches());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void renamedRegistryWhoseRowsMatchIsTheSameApplicationAndRecordsItsNewName(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase database = kind.open()) {
            migrator(database, TestRegistry.builder()
                    .migration(1).description("Create users").checksum("users-1").up("CREATE TABLE users (id INT)")
                    .build(), USERS).migrate();
            String renamed = "com.example.accounts.MigrationRegistry";

            MigrationReport report = migrator(database, users(), renamed).migrate();

            assertEquals(4, report.applied().size());
            assertEquals(List.of("1:APPLY:" + USERS, "2:APPLY:" + renamed, "3:APPLY:" + renamed, "4:APPLY:" + renamed,
                    "5:APPLY:" + renamed), rows(database));
            assertTrue(migrator(database, users(), renamed).validate().isValid());
            // An edit under the new name is still reported as an edit of this application's migration.
            TestRegistry edited = TestRegistry.builder()
                    .migration(1).description("Create users").checksum("users-1-edited")
                    .build();
            ValidationException invalid = assertThrows(ValidationException.class,
                    () -> migrator(database, edited, "com.example.other.MigrationRegistry").migrate());
            assertFalse(invalid instanceof DatabaseOfAnotherApplicationException, invalid.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"SQLITE_FILE", "POSTGRES", "MARIADB"})
    void historyTableOfAnEarlierCairnIsReadAsItIsAndUpgradedUnderTheLock(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = kind.open()) {
            // The layout Cairn wrote before it recorded the application, with one applied migration.
            database.execute(database.isSqlite()
                    ? "CREATE TABLE cairn_schema_history (installed_rank INTEGER PRIMARY KEY, version INTEGER NOT NULL, "
                            + "description TEXT NOT NULL, type TEXT NOT NULL, event TEXT NOT NULL, checksum TEXT, "
                            + "installed_by TEXT NOT NULL, installed_on TEXT NOT NULL, execution_time_ms INTEGER NOT "
                            + "NULL, success INTEGER NOT NULL, error TEXT)"
                    : database.isMariaDb() ? MARIADB_EARLIER_LAYOUT
                    : "CREATE TABLE cairn_schema_history (installed_rank BIGINT GENERATED BY DEFAULT AS IDENTITY "
                            + "PRIMARY KEY, version BIGINT NOT NULL, description VARCHAR(200) NOT NULL, type "
                            + "VARCHAR(30) NOT NULL, event VARCHAR(20) NOT NULL, checksum VARCHAR(128), installed_by "
                            + "VARCHAR(100) NOT NULL, installed_on TIMESTAMP WITH TIME ZONE NOT NULL, "
                            + "execution_time_ms BIGINT NOT NULL, success BOOLEAN NOT NULL, error TEXT)");
            database.execute("CREATE TABLE users (id INT)");
            database.execute("INSERT INTO cairn_schema_history (version, description, type, event, checksum, "
                    + "installed_by, installed_on, execution_time_ms, success, error) VALUES (1, 'Create users', "
                    + "'JAVA', 'APPLY', 'users-1', 'earlier', " + (database.isSqlite()
                            ? "'2025-01-01T00:00:00Z', 3, 1, NULL)" : database.isMariaDb()
                            ? "'2025-01-01 00:00:00', 3, TRUE, NULL)"
                            : "TIMESTAMP WITH TIME ZONE '2025-01-01 00:00:00Z', 3, TRUE, NULL)"));
            Migrator migrator = migrator(database, users(), USERS);

            // Reads leave the table as it is (info and validate change nothing).
            assertEquals(MigrationState.APPLIED, migrator.info().migrations().get(0).state());
            assertTrue(migrator.info().migrations().get(0).application().isEmpty());
            assertTrue(migrator.validate().isValid());
            assertFalse(hasApplicationColumn(database), "a read does not alter the table");

            assertEquals(4, migrator.migrate().applied().size());

            assertTrue(hasApplicationColumn(database), "migrate added the column under the lock");
            assertEquals(List.of("1:APPLY:-", "2:APPLY:" + USERS, "3:APPLY:" + USERS, "4:APPLY:" + USERS,
                    "5:APPLY:" + USERS), rows(database), "the earlier row's writer stays unknown (NULL)");
            assertTrue(migrator.validate().isValid());
            assertNull(migrator.info().migrations().get(0).application().orElse(null));
            // A row whose writer is unknown says nothing about ownership: another application gets the usual checks.
            assertFalse(migrator(database, orders(), ORDERS).validate().problems().isEmpty());
        }
    }

    /** The MariaDB history table as Cairn made it before it recorded the application. */
    static final String MARIADB_EARLIER_LAYOUT = "CREATE TABLE cairn_schema_history (installed_rank BIGINT NOT NULL "
            + "AUTO_INCREMENT PRIMARY KEY, version BIGINT NOT NULL, description VARCHAR(200) NOT NULL, type VARCHAR(30) "
            + "NOT NULL, event VARCHAR(20) NOT NULL, checksum VARCHAR(128), installed_by VARCHAR(100) NOT NULL, "
            + "installed_on DATETIME(6) NOT NULL, execution_time_ms BIGINT NOT NULL, success BOOLEAN NOT NULL, "
            + "error TEXT) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";

    private static boolean hasApplicationColumn(TestDatabase database) throws Exception {
        return database.isSqlite()
                ? database.count("SELECT COUNT(*) FROM pragma_table_info('cairn_schema_history') "
                        + "WHERE name = 'application'") == 1
                : database.count("SELECT COUNT(*) FROM information_schema.columns WHERE table_name = "
                        + "'cairn_schema_history' AND column_name = 'application'"
                        + (database.isMariaDb() ? " AND table_schema = DATABASE()" : "")) == 1;
    }
}
