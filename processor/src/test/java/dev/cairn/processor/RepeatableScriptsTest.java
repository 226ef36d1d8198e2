package dev.cairn.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationReport;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.Registry;
import dev.cairn.runtime.StaleRegistryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flyway's repeatable scripts ({@code R__shop_window.sql}) in a {@code @SqlMigrationDirectory}
 * folder: recognised by name (near misses named with their true cause), placed after the versions
 * they depend on (without a header: every head of the graph), checked like versioned scripts, and
 * generated as {@code repeatables()} of the registry, ordered by description.
 */
class RepeatableScriptsTest {

    @TempDir
    Path temporary;

    private SqlSources sql;

    @BeforeEach
    void resources() throws Exception {
        sql = new SqlSources(Files.createDirectories(temporary.resolve("resources")));
    }

    private static List<String> described(List<MigrationDescriptor> repeatables) {
        return repeatables.stream().map(r -> r.description() + " " + r.dependsOn() + " " + r.script().orElse("-"))
                .collect(Collectors.toList());
    }

    // ---- names

    @Test
    void repeatableScriptIsAMigrationNotAnIgnoredFile() throws Exception {
        sql.script("db/migration/V1__create_products.sql", "CREATE TABLE products (id INTEGER PRIMARY KEY);");
        sql.script("db/migration/R__shop_window.sql", "CREATE VIEW shop_window AS SELECT id FROM products;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).succeededWithoutWarnings();
        Registry registry = new CompiledClasses(compilation, sql.root()).registry("com.example.MigrationRegistry");
        assertThat(registry.migrations()).hasSize(1);
        assertThat(described(registry.repeatables()))
                .containsExactly("Shop window [1] db/migration/R__shop_window.sql");
        assertThat(registry.repeatables().get(0).checksum()).isPresent();
    }

    @Test
    void aFolderOfRepeatableScriptsAloneIsNotEmpty() throws Exception {
        sql.script("db/views/R__shop_window.sql", "CREATE VIEW shop_window AS SELECT 1 AS one;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/views\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).succeededWithoutWarnings();
        Registry registry = new CompiledClasses(compilation, sql.root()).registry("com.example.MigrationRegistry");
        assertThat(registry.migrations()).isEmpty();
        assertThat(described(registry.repeatables())).containsExactly("Shop window [] db/views/R__shop_window.sql");
    }

    @Test
    void nearMissesOfRepeatableNamesAreErrorsNamingTheTrueCause() {
        sql.script("db/migration/V1__ok.sql", "CREATE TABLE a (id INT);");
        sql.script("db/migration/r__lower_case.sql", "SELECT 1;");
        sql.script("db/migration/R_single_underscore.sql", "SELECT 1;");
        sql.script("db/migration/R__.sql", "SELECT 1;");
        sql.script("db/migration/R__shouting.SQL", "SELECT 1;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(SqlSources.messages(compilation.errors())).containsExactly(
                "[Cairn/SqlScriptName] db/migration/R_single_underscore.sql looks like a repeatable script, but a"
                        + " repeatable script needs two underscores after the R, so it would be ignored. Rename it"
                        + " to R__<description>.sql.",
                "[Cairn/SqlScriptName] db/migration/R__.sql looks like a repeatable script, but a repeatable script"
                        + " needs a description after R__, so it would be ignored. Rename it to R__<description>.sql.",
                "[Cairn/SqlScriptName] db/migration/R__shouting.SQL looks like a repeatable script, but the extension"
                        + " must be .sql in lower case, so it would be ignored. Rename it to R__<description>.sql.",
                "[Cairn/SqlScriptName] db/migration/r__lower_case.sql looks like a repeatable script, but the prefix"
                        + " of a repeatable script must be an upper-case R, so it would be ignored. Rename it to"
                        + " R__<description>.sql.");
        assertThat(compilation).hadErrorContaining("R_single_underscore.sql").inFile(info).onLine(1).atColumn(24);
        assertThat(compilation).hadWarningCount(0);
    }

    @Test
    void twoRepeatableScriptsWithOneDescriptionAreAnErrorOnTheSecondNamingBoth() {
        sql.script("db/migration/V1__init.sql", "CREATE TABLE a (id INT);");
        sql.script("db/migration/R__Shop_window.sql", "CREATE VIEW va AS SELECT id FROM a;");
        sql.script("db/migration/R__shop_window.sql", "CREATE VIEW vb AS SELECT id FROM a;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/SqlDuplicateRepeatable] the repeatable scripts"
                + " db/migration/R__Shop_window.sql and db/migration/R__shop_window.sql have the same description"
                + " 'Shop window', which is a repeatable migration's identity in the history, so each would be taken"
                + " for the other. Rename one of them.")
                .inFile(info).onLine(1).atColumn(24);
    }

    @Test
    void aRepeatableScriptOfAFolderDeclaredTwiceIsAnErrorNotTwoRepeatables() {
        sql.script("db/views/R__shop_window.sql", "CREATE VIEW shop_window AS SELECT 1 AS one;");

        Compilation compilation = sql.compile(SqlSources.packageInfo("@SqlMigrationDirectory(\"db/views\")"),
                SqlSources.holder("@SqlMigrationDirectory(\"db/views\")"));

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/SqlDuplicateScript] the repeatable script"
                + " db/views/R__shop_window.sql is declared twice (by two folder annotations), so it would run"
                + " twice. Remove the repeated folder annotation.");
    }

    // ---- place in the graph, headers, checks

    @Test
    void withoutAHeaderARepeatableScriptDependsOnEveryHeadOfTheGraph() throws Exception {
        sql.script("db/migration/V1__products.sql", "CREATE TABLE products (id INTEGER PRIMARY KEY);");
        sql.script("db/migration/V2__prices.sql", "CREATE TABLE prices (id INTEGER PRIMARY KEY);");
        sql.script("db/migration/R__shop_window.sql", "CREATE VIEW shop_window AS SELECT id FROM products;");
        JavaFileObject seed = Sources.lines("com.example.SeedProducts",
                "package com.example;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.*;",
                "@Migration(version = 3, dependsOn = 1)",
                "public class SeedProducts implements JavaMigration {",
                "    public void up(MigrationContext context) throws Exception {",
                "    }",
                "}");

        Compilation compilation = sql.compile(SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")"),
                seed);

        assertThat(compilation).succeededWithoutWarnings();
        Registry registry = new CompiledClasses(compilation, sql.root()).registry("com.example.MigrationRegistry");
        assertThat(described(registry.repeatables()))
                .containsExactly("Shop window [2, 3] db/migration/R__shop_window.sql");
    }

    @Test
    void dependsOnHeaderPlacesItAndRepeatablesAreOrderedByDescription() throws Exception {
        sql.script("db/migration/V1__products.sql", "CREATE TABLE products (id INTEGER PRIMARY KEY);");
        sql.script("db/migration/V1_10__prices.sql", "CREATE TABLE prices (id INTEGER PRIMARY KEY);");
        sql.script("db/migration/V2__stock.sql", "CREATE TABLE stock (id INTEGER PRIMARY KEY);");
        sql.script("db/migration/R__zebra.sql", "-- depends-on: 1, 1.10", "CREATE VIEW zebra AS SELECT 1 AS one;");
        sql.script("db/migration/R__apples.sql", "-- depends-on:", "CREATE VIEW apples AS SELECT 1 AS one;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).succeededWithoutWarnings();
        Registry registry = new CompiledClasses(compilation, sql.root()).registry("com.example.MigrationRegistry");
        assertThat(described(registry.repeatables())).containsExactly(
                "Apples [] db/migration/R__apples.sql",
                "Zebra [1, 1.10] db/migration/R__zebra.sql").inOrder();
    }

    @Test
    void unknownVersionInTheHeaderIsTheUsualUnknownDependencyWithTheScriptLine() {
        sql.script("db/migration/V1__products.sql", "CREATE TABLE products (id INTEGER PRIMARY KEY);");
        sql.script("db/migration/R__shop_window.sql", "-- a view", "-- depends-on: 1, 7",
                "CREATE VIEW shop_window AS SELECT id FROM products;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/UnknownDependency] repeatable SQL migration"
                + " db/migration/R__shop_window.sql depends on version 7 (from the '-- depends-on:' header at"
                + " db/migration/R__shop_window.sql:2), but no migration has version 7.")
                .inFile(info).onLine(1).atColumn(24);
    }

    @Test
    void aRepeatableScriptCannotBeNonTransactional() {
        sql.script("db/migration/V1__products.sql", "CREATE TABLE products (id INTEGER PRIMARY KEY);");
        sql.script("db/migration/R__shop_window.sql", "-- depends-on: 1", "-- transactional: false",
                "CREATE VIEW shop_window AS SELECT id FROM products;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/SqlHeader] db/migration/R__shop_window.sql:2: a repeatable"
                + " script always runs in a transaction, together with its history row, so it cannot be"
                + " '-- transactional: false'. Remove the header, and move any statement that cannot run in a"
                + " transaction into a versioned script with '-- transactional: false'.")
                .inFile(info).onLine(1).atColumn(24);
    }

    @Test
    void aStatementRefusedInATransactionIsAnErrorThatSaysWhereItBelongs() {
        sql.script("db/migration/V1__products.sql", "CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT);");
        sql.script("db/migration/R__indexes.sql", "CREATE INDEX CONCURRENTLY products_by_name ON products (name);");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/SqlNotInTransaction] db/migration/R__indexes.sql:1:"
                + " PostgreSQL cannot run 'CREATE INDEX CONCURRENTLY products_by_name ON products (n...' inside a"
                + " transaction, and Cairn runs this script in one, together with its history row. A repeatable"
                + " script always runs in a transaction: move the statement into a versioned script with the header"
                + " '-- transactional: false'.").inFile(info).onLine(1).atColumn(24);
    }

    @Test
    void aRepeatableScriptGetsTheScriptChecksOfAVersionedOne() {
        sql.script("db/migration/V1__products.sql", "CREATE TABLE products (id INTEGER PRIMARY KEY);");
        sql.script("db/migration/R__empty.sql", "-- nothing yet");
        sql.script("db/migration/R__unterminated.sql", "CREATE VIEW v AS SELECT 'open FROM products;");
        sql.script("db/migration/R__commit.sql", "CREATE VIEW w AS SELECT 1 AS one;", "COMMIT;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).hadErrorContaining("[Cairn/SqlEmptyScript] the SQL script db/migration/R__empty.sql");
        assertThat(compilation).hadErrorContaining("[Cairn/SqlSyntax] db/migration/R__unterminated.sql:1:");
        assertThat(compilation).hadErrorContaining("[Cairn/SqlTransactionControl] db/migration/R__commit.sql:2:");
    }

    @Test
    void sqliteVerificationRunsRepeatableScriptsAfterTheirVersions() {
        sql.script("db/migration/V1__products.sql", "CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT);");
        sql.script("db/migration/R__good.sql", "CREATE VIEW good AS SELECT name FROM products;");
        sql.script("db/migration/R__shop_window.sql", "-- shows the price",
                "CREATE INDEX products_by_price ON products (price);");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compiler("-Acairn.verify=sqlite").compile(info);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/SqlVerifyFailed] db/migration/R__shop_window.sql:2: SQLite"
                + " rejected the statement:").inFile(info).onLine(1).atColumn(24);
        assertThat(compilation).hadErrorContaining("no such column: price");
    }

    @Test
    void verificationSkipsARepeatableScriptWithAPlaceholderWithoutValue() {
        sql.script("db/migration/V1__products.sql", "CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT);");
        sql.script("db/migration/R__shop_window.sql", "CREATE VIEW ${shop}_window AS SELECT name FROM products;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compiler("-Acairn.verify=sqlite").compile(info);

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningContaining("${shop}");
        assertThat(sql.compiler("-Acairn.verify=sqlite", "-Acairn.placeholders=shop=corner").compile(info))
                .succeededWithoutWarnings();
    }

    // ---- generated registry

    @Test
    void registryWithRepeatablesMatchesGoldenFile() throws Exception {
        sql.script("db/migration/V1__products.sql", "CREATE TABLE products (id INTEGER PRIMARY KEY);");
        sql.script("db/migration/V2__prices.sql", "CREATE TABLE prices (id INTEGER PRIMARY KEY);");
        sql.script("db/migration/R__shop_window.sql", "CREATE VIEW shop_window AS SELECT id FROM products;");
        sql.script("db/migration/R__prices.sql", "-- depends-on: 1", "CREATE VIEW cheap AS SELECT id FROM products;");

        Compilation compilation = sql.compile(SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")"));

        assertThat(compilation).succeededWithoutWarnings();
        RegistryGenerationTest.assertRegistryMatchesGolden(compilation, "golden/RepeatablesRegistry.java.golden");
    }

    @Test
    void anEditedRepeatableScriptChangesTheFingerprint() throws Exception {
        sql.script("db/migration/V1__products.sql", "CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT);");
        sql.script("db/migration/R__shop_window.sql", "CREATE VIEW shop_window AS SELECT id FROM products;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");
        Registry before = new CompiledClasses(sql.compile(info), sql.root()).registry("com.example.MigrationRegistry");

        sql.script("db/migration/R__shop_window.sql", "CREATE VIEW shop_window AS SELECT id, name FROM products;");
        Registry after = new CompiledClasses(sql.compile(info), sql.root()).registry("com.example.MigrationRegistry");

        assertThat(after.fingerprint()).isNotEqualTo(before.fingerprint());
        assertThat(after.repeatables().get(0).checksum()).isNotEqualTo(before.repeatables().get(0).checksum());
    }

    /**
     * The whole path: a Flyway-style folder with versioned and repeatable scripts, compiled by the
     * processor and applied to a real SQLite file, the repeatable ones after the versions they need;
     * nothing applied at the next start; an edited repeatable script in a build not compiled again
     * is refused as stale.
     */
    @Test
    void flywayStyleFolderWithRepeatableScriptsIsAppliedEndToEnd() throws Exception {
        sql.script("db/migration/V1__create_products.sql",
                "CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT, price INTEGER);");
        sql.script("db/migration/V2__seed_products.sql",
                "INSERT INTO products (name, price) VALUES ('kettle', 30), ('teapot', 12);");
        sql.script("db/migration/R__shop_window.sql",
                "CREATE VIEW shop_window AS SELECT name, price FROM products ORDER BY name;");
        sql.script("db/migration/R__prices.sql", "-- depends-on: 1",
                "CREATE VIEW prices AS SELECT id, price FROM products;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).succeededWithoutWarnings();
        Registry registry = new CompiledClasses(compilation, sql.root()).registry("com.example.MigrationRegistry");
        String url = "jdbc:sqlite:" + temporary.resolve("shop.db");
        MigrationReport report = Migrator.builder(registry).jdbcUrl(url).build().migrate();

        assertThat(report.applied().stream().map(e -> e.migration().description())
                .collect(Collectors.toList())).containsExactly("Create products", "Seed products", "Prices",
                        "Shop window").inOrder();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name FROM shop_window")) {
            List<String> names = new java.util.ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            assertThat(names).containsExactly("kettle", "teapot").inOrder();
        }
        Migrator again = Migrator.builder(registry).jdbcUrl(url).build();
        assertThat(again.migrate().applied()).isEmpty();
        assertThat(again.validate().isValid()).isTrue();

        // Maven's incremental build copies the edited script but does not run the processor again.
        sql.script("db/migration/R__shop_window.sql", "CREATE VIEW shop_window AS SELECT name FROM products;");
        StaleRegistryException stale = assertThrows(StaleRegistryException.class,
                () -> Migrator.builder(registry).jdbcUrl(url).build().migrate());
        assertThat(stale.getMessage()).contains("db/migration/R__shop_window.sql");
    }

    @Test
    void aRepeatableScriptAddedAfterTheBuildMakesTheRegistryStale() throws Exception {
        sql.script("db/migration/V1__create_products.sql", "CREATE TABLE products (id INTEGER PRIMARY KEY);");
        Compilation compilation = sql.compile(SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")"));
        Registry registry = new CompiledClasses(compilation, sql.root()).registry("com.example.MigrationRegistry");

        sql.script("db/migration/R__shop_window.sql", "CREATE VIEW shop_window AS SELECT id FROM products;");

        StaleRegistryException stale = assertThrows(StaleRegistryException.class, () -> Migrator.builder(registry)
                .jdbcUrl("jdbc:sqlite:" + temporary.resolve("shop.db")).build().migrate());
        assertThat(stale.getMessage()).contains("db/migration/R__shop_window.sql");
    }
}
