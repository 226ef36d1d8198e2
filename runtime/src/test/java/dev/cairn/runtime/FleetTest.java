package dev.cairn.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.internal.dialect.PostgresDialect;
import dev.cairn.runtime.testing.PostgresServer;
import dev.cairn.runtime.testing.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16: one registry over many tenants, SQLite files and PostgreSQL schemas, on real databases. */
class FleetTest {

    @TempDir
    Path directory;

    /** Three migrations with unqualified names: a table, a row, an index. */
    private static TestRegistry registry(AtomicBoolean broken, String brokenTenant) {
        return TestRegistry.builder().fingerprinted()
                .migration(1).up("CREATE TABLE accounts (id INTEGER PRIMARY KEY, name VARCHAR(50))")
                .migration(2).dependsOn(1).up(context -> {
                    if (broken.get() && databaseName(context.connection()).contains(brokenTenant)) {
                        throw new IllegalStateException("tenant data the migration does not expect");
                    }
                    context.execute("INSERT INTO accounts (id, name) VALUES (1, 'owner')");
                })
                .migration(3).dependsOn(2).up("CREATE INDEX accounts_name ON accounts (name)")
                .build();
    }

    private static String databaseName(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA database_list")) {
            result.next();
            return result.getString(3);
        }
    }

    private String sqliteUrl(String tenant) {
        return "jdbc:sqlite:" + directory.resolve(tenant + ".db");
    }

    @Test
    void migratesTwoHundredSqliteTenantsAndTheRerunIsOneQueryEach() throws Exception {
        TestRegistry registry = registry(new AtomicBoolean(), "none");
        Fleet.Builder builder = Fleet.builder(registry).parallelism(4);
        for (int i = 0; i < 200; i++) {
            builder.tenant(String.format("tenant-%03d", i), sqliteUrl(String.format("tenant-%03d", i)));
        }
        AtomicInteger finished = new AtomicInteger();
        int[] announced = {-1};
        Fleet fleet = builder.listener(new Fleet.Listener() {
            @Override
            public void started(int tenants) {
                announced[0] = tenants;
            }

            @Override
            public void tenantFinished(TenantResult result, int done, int total) {
                assertEquals(finished.incrementAndGet(), done, "one call at a time, counted in order");
                assertEquals(200, total);
            }
        }).build();

        FleetReport first = fleet.migrate();

        assertEquals(200, announced[0]);
        assertEquals(200, finished.get());
        assertTrue(first.succeeded(), first::toString);
        assertEquals(200, first.migrated().size());
        assertEquals(600, first.appliedCount());
        assertEquals("tenant-000", first.tenants().get(0).tenant(), "results in the order the tenants were given");
        assertEquals("tenant-199", first.tenants().get(199).tenant());
        for (TenantResult tenant : first.tenants()) {
            assertEquals(List.of("1", "2", "3"), tenant.applied().stream()
                    .map(applied -> applied.migration().version().toString()).collect(Collectors.toList()));
            assertTrue(tenant.error().isEmpty());
        }
        try (Connection connection = DriverManager.getConnection(sqliteUrl("tenant-123"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM accounts")) {
            rows.next();
            assertEquals(1, rows.getInt(1));
        }

        registry.resetMigrationsCalls();
        finished.set(0);
        FleetReport second = fleet.migrate();
        assertEquals(200, second.upToDate().size(), second::toString);
        assertEquals(0, second.appliedCount());
        assertEquals(0, registry.migrationsCalls(),
                "every tenant took the verified one-query start: no tenant built the registry's descriptors");

        FleetInfo info = fleet.info();
        assertEquals(Map.of(MigrationVersion.of(3), 200), info.countByVersion());
        assertTrue(info.failed().isEmpty());
        assertTrue(info.behind().isEmpty());
    }

    @Test
    void unreachableCorruptAndFailingTenantsAreNamedAndOnlyTheyAreRetried() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        TestRegistry registry = registry(broken, "tenant-07");
        Path corrupt = directory.resolve("tenant-03.db");
        Files.write(corrupt, "this is not an SQLite database, whatever its name says".repeat(100)
                .getBytes(StandardCharsets.UTF_8));
        Fleet.Builder builder = Fleet.builder(registry).parallelism(3);
        for (int i = 0; i < 20; i++) {
            String tenant = String.format("tenant-%02d", i);
            builder.tenant(tenant, sqliteUrl(tenant));
        }
        // Nothing listens on port 1: the connection is refused.
        Fleet fleet = builder.tenant("unreachable", "jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2", "x", "y")
                .build();

        FleetReport first = fleet.migrate();

        assertFalse(first.succeeded());
        assertEquals(Set.of("tenant-03", "tenant-07", "unreachable"), names(first.failed()), first::toString);
        assertEquals(18, first.migrated().size());
        TenantResult failing = first.tenant("tenant-07").orElseThrow();
        assertInstanceOf(MigrationFailedException.class, failing.error().orElseThrow());
        assertTrue(failing.error().orElseThrow().getMessage().contains("tenant data the migration does not expect"),
                failing.error().orElseThrow()::getMessage);
        assertEquals(1, failing.applied().size(), "V1 committed before V2 failed, and the report says so");
        assertTrue(first.tenant("unreachable").orElseThrow().error().orElseThrow().getMessage()
                .contains("could not connect"), () -> first.tenant("unreachable").toString());
        assertTrue(first.tenant("tenant-03").orElseThrow().error().orElseThrow().getMessage()
                .contains("tenant-03"), () -> first.tenant("tenant-03").toString());

        FleetInfo info = fleet.info();
        assertEquals(Map.of(MigrationVersion.of(3), 18, MigrationVersion.of(1), 1), info.countByVersion());
        assertEquals(Set.of("tenant-03", "tenant-07", "unreachable"),
                info.failed().stream().map(TenantInfo::tenant).collect(Collectors.toSet()));
        assertEquals(List.of(MigrationVersion.of(2)), info.tenant("tenant-07").orElseThrow().failedMigrations());

        // The operator fixes two of the three; the third stays unreachable.
        Files.delete(corrupt);
        broken.set(false);
        FleetReport second = fleet.migrate();

        assertEquals(Set.of("tenant-03", "tenant-07"), names(second.migrated()), second::toString);
        assertEquals(List.of("2", "3"), second.tenant("tenant-07").orElseThrow().applied().stream()
                .map(applied -> applied.migration().version().toString()).collect(Collectors.toList()));
        assertEquals(Set.of("unreachable"), names(second.failed()));
        assertEquals(18, second.upToDate().size());
        assertEquals(5, second.appliedCount(), "3 on the new file, 2 on the tenant that failed at V2");
    }

    @Test
    void failFastStopsHandingOutTenantsAfterTheFirstFailure() throws Exception {
        Files.write(directory.resolve("a.db"), "garbage".repeat(200).getBytes(StandardCharsets.UTF_8));
        Fleet.Builder builder = Fleet.builder(registry(new AtomicBoolean(), "none")).parallelism(1).failFast(true);
        for (String tenant : List.of("a", "b", "c", "d")) {
            builder.tenant(tenant, sqliteUrl(tenant));
        }
        FleetReport report = builder.build().migrate();

        assertEquals(Set.of("a"), names(report.failed()));
        assertEquals(Set.of("b", "c", "d"), names(report.notRun()));
        assertFalse(Files.exists(directory.resolve("b.db")), "a tenant not run is not touched");
        assertFalse(report.succeeded());
    }

    @Test
    void aListenerThatThrowsStopsTheRunAndItsExceptionReachesTheCaller() {
        Fleet.Builder builder = Fleet.builder(registry(new AtomicBoolean(), "none")).parallelism(2);
        for (int i = 0; i < 10; i++) {
            builder.tenant("t" + i, sqliteUrl("t" + i));
        }
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> builder
                .listener((result, done, total) -> {
                    throw new IllegalStateException("progress bar broke");
                }).build().migrate());
        assertEquals("progress bar broke", thrown.getMessage());
    }

    @Test
    void buildNamesEveryBadOption() {
        InvalidConfigurationException none = assertThrows(InvalidConfigurationException.class,
                () -> Fleet.builder(registry(new AtomicBoolean(), "none")).build());
        assertTrue(none.getMessage().contains("no tenant configured"), none::getMessage);

        InvalidConfigurationException bad = assertThrows(InvalidConfigurationException.class,
                () -> Fleet.builder(registry(new AtomicBoolean(), "none"))
                        .tenant("a", "sqlite:a.db")
                        .tenant("b", sqliteUrl("b")).tenant("b", sqliteUrl("b2"))
                        .parallelism(0)
                        .build());
        assertTrue(bad.getMessage().contains("tenant \"a\" has the JDBC URL \"sqlite:a.db\""), bad::getMessage);
        assertTrue(bad.getMessage().contains("two tenants are named \"b\""), bad::getMessage);
        assertTrue(bad.getMessage().contains("parallelism 0 must be at least 1"), bad::getMessage);
    }

    @Test
    void infoDoesNotCreateATenantFileThatDoesNotExist() {
        FleetInfo info = Fleet.builder(registry(new AtomicBoolean(), "none")).tenant("new", sqliteUrl("new")).build()
                .info();
        assertEquals(3, info.tenant("new").orElseThrow().pending());
        assertEquals(1, info.empty().size());
        assertFalse(Files.exists(directory.resolve("new.db")));
    }

    @Test
    void migratesFiftyPostgresSchemasEachWithItsOwnHistoryAndSearchPath() throws Exception {
        PostgresServer.Database database = PostgresServer.shared().createDatabase();
        DataSource dataSource = database.dataSource();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (int i = 0; i < 50; i++) {
                statement.execute(String.format("CREATE SCHEMA tenant_%02d", i));
            }
            statement.execute("CREATE SCHEMA other");
        }
        TestRegistry registry = TestRegistry.builder().fingerprinted()
                .migration(1).up("CREATE TABLE accounts (id INTEGER PRIMARY KEY, name VARCHAR(50))")
                .migration(2).dependsOn(1).up(context -> context.execute(
                        "INSERT INTO accounts (id, name) VALUES (1, current_schema())"))
                .migration(3).dependsOn(2).up("CREATE INDEX accounts_name ON accounts (name)")
                .build();
        Fleet fleet = Fleet.builder(registry).schemasMatching(dataSource, Pattern.compile("tenant_\\d+"))
                .parallelism(4).build();

        FleetReport first = fleet.migrate();

        assertEquals(50, first.migrated().size(), first::toString);
        assertEquals(150, first.appliedCount());
        assertEquals("tenant_00", first.tenants().get(0).tenant());
        try (Connection connection = dataSource.getConnection()) {
            Map<String, Set<String>> tables = tablesBySchema(connection);
            for (int i = 0; i < 50; i++) {
                String schema = String.format("tenant_%02d", i);
                assertEquals(Set.of("accounts", "cairn_schema_history"), tables.get(schema), schema);
                try (Statement statement = connection.createStatement();
                        ResultSet row = statement.executeQuery("SELECT name FROM " + schema + ".accounts")) {
                    row.next();
                    assertEquals(schema, row.getString(1), "the migration ran with the tenant's schema first");
                }
            }
            assertFalse(tables.containsKey("public"), "nothing in public: " + tables.get("public"));
            assertFalse(tables.containsKey("other"), "a schema that does not match is left alone");
        }

        registry.resetMigrationsCalls();
        FleetReport second = fleet.migrate();
        assertEquals(50, second.upToDate().size(), second::toString);
        assertEquals(0, registry.migrationsCalls(), "every schema took the verified one-query start");
        assertEquals(Map.of(MigrationVersion.of(3), 50), fleet.info().countByVersion());
    }

    @Test
    void aSchemaLockHeldElsewhereDelaysOnlyThatSchemaAndAMissingSchemaFailsAlone() throws Exception {
        PostgresServer.Database database = PostgresServer.shared().createDatabase();
        DataSource dataSource = database.dataSource();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA tenant_a");
            statement.execute("CREATE SCHEMA tenant_b");
            statement.execute("CREATE SCHEMA tenant_c");
        }
        TestRegistry registry = TestRegistry.builder().fingerprinted()
                .migration(1).up("CREATE TABLE accounts (id INTEGER PRIMARY KEY)").build();
        try (Connection holder = dataSource.getConnection(); Statement statement = holder.createStatement()) {
            long key = PostgresDialect.lockKey("tenant_a.cairn_schema_history");
            statement.execute("SELECT pg_advisory_lock(" + key + ")");

            FleetReport report = Fleet.builder(registry)
                    .schemas(dataSource, "tenant_a", "tenant_b", "tenant_missing", "tenant_c")
                    .configure(migrator -> migrator.lockTimeout(Duration.ofMillis(500)))
                    .parallelism(2)
                    .build().migrate();

            assertEquals(Set.of("tenant_b", "tenant_c"), names(report.migrated()), report::toString);
            assertInstanceOf(LockTimeoutException.class, report.tenant("tenant_a").orElseThrow().error().orElseThrow());
            CairnException missing = report.tenant("tenant_missing").orElseThrow().error().orElseThrow();
            assertTrue(missing.getMessage().contains("tenant_missing"), missing::getMessage);
        }
        try (Connection connection = dataSource.getConnection()) {
            Map<String, Set<String>> tables = tablesBySchema(connection);
            assertFalse(tables.containsKey("public"), "the missing schema's migration did not land in public: "
                    + tables.get("public"));
        }
        FleetReport retry = Fleet.builder(registry).schemas(dataSource, "tenant_a", "tenant_b", "tenant_c").build()
                .migrate();
        assertEquals(Set.of("tenant_a"), names(retry.migrated()), retry::toString);
        assertEquals(Set.of("tenant_b", "tenant_c"), names(retry.upToDate()));
    }

    @Test
    void aSessionWithAnEmptySearchPathStillRunsTheMigrationsInTheTenantsSchema() throws Exception {
        PostgresServer.Database database = PostgresServer.shared().createDatabase();
        DataSource dataSource = database.dataSource();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA tenant_x");
            statement.execute("ALTER DATABASE " + database.name() + " SET search_path = ''");
        }
        TestRegistry registry = TestRegistry.builder().fingerprinted()
                .migration(1).up("CREATE TABLE accounts (id INTEGER PRIMARY KEY)").build();

        FleetReport report = Fleet.builder(registry).schemas(dataSource, "tenant_x").build().migrate();

        assertEquals(Set.of("tenant_x"), names(report.migrated()), report::toString);
        try (Connection connection = dataSource.getConnection()) {
            assertEquals(Set.of("accounts", "cairn_schema_history"), tablesBySchema(connection).get("tenant_x"));
        }
    }

    @Test
    void twoFleetRunsOverTheSameSchemasAtOnceApplyEachMigrationOnce() throws Exception {
        PostgresServer.Database database = PostgresServer.shared().createDatabase();
        DataSource dataSource = database.dataSource();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (int i = 0; i < 12; i++) {
                statement.execute("CREATE SCHEMA tenant_" + i);
            }
        }
        TestRegistry registry = TestRegistry.builder().fingerprinted()
                .migration(1).up("CREATE TABLE accounts (id INTEGER PRIMARY KEY)")
                .migration(2).dependsOn(1).up(context -> {
                    context.execute("INSERT INTO accounts (id) VALUES (1)");
                    Thread.sleep(20); // long enough for the other run to meet this tenant's lock
                })
                .build();
        Fleet fleet = Fleet.builder(registry).schemasMatching(dataSource, Pattern.compile("tenant_\\d+"))
                .parallelism(2).build();
        java.util.concurrent.ExecutorService runs = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<FleetReport> first = runs.submit(fleet::migrate);
            java.util.concurrent.Future<FleetReport> second = runs.submit(fleet::migrate);
            FleetReport one = first.get();
            FleetReport two = second.get();

            assertTrue(one.succeeded() && two.succeeded(), one + " / " + two);
            assertEquals(24, one.appliedCount() + two.appliedCount(), "each migration applied by exactly one run");
        } finally {
            runs.shutdownNow();
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (int i = 0; i < 12; i++) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM tenant_" + i + ".accounts")) {
                    rows.next();
                    assertEquals(1, rows.getInt(1), "tenant_" + i);
                }
            }
        }
    }

    private static Set<String> names(List<TenantResult> tenants) {
        return tenants.stream().map(TenantResult::tenant).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Set<String>> tablesBySchema(Connection connection) throws SQLException {
        Map<String, Set<String>> tables = new TreeMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT schemaname, tablename FROM pg_tables "
                        + "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")) {
            while (rows.next()) {
                tables.computeIfAbsent(rows.getString(1), schema -> new TreeSet<>()).add(rows.getString(2));
            }
        }
        return tables;
    }
}
