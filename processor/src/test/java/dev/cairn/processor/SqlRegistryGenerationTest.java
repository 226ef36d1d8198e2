package dev.cairn.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.Registry;
import dev.cairn.runtime.StaleRegistryException;
import dev.cairn.runtime.internal.sql.SqlScript;
import dev.cairn.runtime.internal.sql.SqlScriptMigration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry generated for a graph of Java and SQL migrations: its source (golden file), its
 * descriptors, and running it on a real SQLite database.
 *
 * <pre>
 * 1 V1__create_users.sql (undo U1) <- 2 AddUserEmail (Java) <- 3 V3__index_user_email.sql (header)
 *   <- 4 004_seed_roles.sql (folder rule, non-transactional) <- 5 V5__user_report.sql (@SqlMigration,
 *   depends on 3 and 4) <- 6 RefreshReport (Java)
 * </pre>
 */
class SqlRegistryGenerationTest {

    @TempDir
    Path temporary;

    private SqlSources sql;

    @BeforeEach
    void scripts() throws Exception {
        sql = new SqlSources(Files.createDirectories(temporary.resolve("resources")));
        sql.script("db/migration/V1__create_users.sql",
                "-- The first table.",
                "CREATE TABLE users (",
                "    id INTEGER PRIMARY KEY,",
                "    name TEXT NOT NULL -- ; not the end",
                ");");
        sql.script("db/migration/U1__create_users.sql", "DROP TABLE users;");
        sql.script("db/migration/V3__index_user_email.sql",
                "-- depends-on: 2",
                "CREATE INDEX users_by_email ON users (email);");
        sql.script("db/migration/004_seed_roles.sql",
                "-- transactional: false",
                "CREATE TABLE roles (name TEXT PRIMARY KEY);",
                "INSERT INTO roles (name) VALUES ('admin'), ('it''s me');");
        sql.script("db/reports/V5__user_report.sql",
                "CREATE VIEW user_report AS SELECT u.name, u.email FROM users u;");
    }

    private static List<JavaFileObject> sources() {
        return List.of(
                SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")"),
                SqlSources.holder("@SqlMigration(version = 5, dependsOn = {3, 4}, script = \"db/reports/V5__user_report.sql\","
                        + " description = \"User report view\")"),
                addUserEmail(),
                Sources.lines("com.example.RefreshReport",
                        "package com.example;",
                        "import dev.cairn.Migration;",
                        "import dev.cairn.runtime.*;",
                        "@Migration(version = 6, dependsOn = 5)",
                        "public class RefreshReport implements JavaMigration {",
                        "    public void up(MigrationContext context) throws Exception {",
                        "        context.execute(\"INSERT INTO users (name, email) VALUES ('report', 'r@example.com')\");",
                        "    }",
                        "}"));
    }

    private static JavaFileObject addUserEmail() {
        return Sources.lines("com.example.AddUserEmail",
                "package com.example;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.*;",
                "@Migration(version = 2, dependsOn = 1)",
                "public class AddUserEmail implements JavaMigration {",
                "    public void up(MigrationContext context) throws Exception {",
                "        context.execute(\"ALTER TABLE users ADD COLUMN email TEXT\");",
                "    }",
                "}");
    }

    private Compilation compile() {
        return sql.compile(sources().toArray(new JavaFileObject[0]));
    }

    private Registry registry() throws Exception {
        Compilation compilation = compile();
        assertThat(compilation).succeededWithoutWarnings();
        return new CompiledClasses(compilation, sql.root()).registry("com.example.MigrationRegistry");
    }

    @Test
    void generatesReadableRegistryForMixedGraph() throws Exception {
        Compilation compilation = compile();

        assertThat(compilation).succeededWithoutWarnings();
        RegistryGenerationTest.assertRegistryMatchesGolden(compilation, "golden/MixedMigrationRegistry.java.golden");
    }

    @Test
    void sqlDescriptorsCarryScriptChecksumDependenciesAndFlags() throws Exception {
        Registry registry = registry();

        List<Long> order = new ArrayList<>();
        for (MigrationDescriptor migration : registry.migrations()) {
            order.add(migration.version().asLong());
        }
        assertThat(order).containsExactly(1L, 2L, 3L, 4L, 5L, 6L).inOrder();

        MigrationDescriptor users = registry.find(1).orElseThrow();
        assertThat(users.script()).hasValue("db/migration/V1__create_users.sql");
        assertThat(users.className()).isEqualTo("db/migration/V1__create_users.sql");
        assertThat(users.description()).isEqualTo("Create users");
        assertThat(users.checksum()).hasValue(SqlScript.checksum(
                Files.readString(sql.root().resolve("db/migration/V1__create_users.sql"))));
        assertThat(users.reversible()).isTrue();
        assertThat(users.dependsOn()).isEmpty();

        MigrationDescriptor index = registry.find(3).orElseThrow();
        assertThat(index.dependsOn().stream().map(dev.cairn.runtime.MigrationVersion::asLong)
                .collect(java.util.stream.Collectors.toList())).containsExactly(2L);
        assertThat(index.reversible()).isFalse();

        MigrationDescriptor roles = registry.find(4).orElseThrow();
        assertThat(roles.description()).isEqualTo("Seed roles");
        assertThat(roles.dependsOn().stream().map(dev.cairn.runtime.MigrationVersion::asLong)
                .collect(java.util.stream.Collectors.toList())).containsExactly(3L);
        assertThat(roles.transactional()).isFalse();

        MigrationDescriptor report = registry.find(5).orElseThrow();
        assertThat(report.description()).isEqualTo("User report view");
        assertThat(report.dependsOn().stream().map(dev.cairn.runtime.MigrationVersion::asLong)
                .collect(java.util.stream.Collectors.toList())).containsExactly(3L, 4L).inOrder();

        assertThat(registry.find(2).orElseThrow().script()).isEmpty();
    }

    @Test
    void sqlMigrationsAreCreatedAsSqlScriptMigrationsWithoutLoadingJavaMigrations() throws Exception {
        Compilation compilation = compile();
        CompiledClasses classes = new CompiledClasses(compilation, sql.root());
        Registry registry = classes.registry("com.example.MigrationRegistry");

        JavaMigration instance = registry.find(3).orElseThrow().newInstance();

        assertThat(instance).isInstanceOf(SqlScriptMigration.class);
        assertThat(((SqlScriptMigration) instance).script()).isEqualTo("db/migration/V3__index_user_email.sql");
        assertThat(((SqlScriptMigration) instance).statements()).hasSize(1);
        assertThat(classes.loadedClasses()).doesNotContain("com.example.AddUserEmail");
    }

    @Test
    void mixedGraphMigratesARealSqliteDatabaseAndRollsBackTheUndoScript() throws Exception {
        Registry registry = registry();
        String url = "jdbc:sqlite:" + temporary.resolve("app.db");

        Migrator.builder(registry).jdbcUrl(url).build().migrate();

        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT name, email FROM user_report")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(2)).isEqualTo("r@example.com");
            }
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM roles")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(2);
            }
            try (ResultSet rows = statement.executeQuery("SELECT count(DISTINCT version) FROM cairn_schema_history"
                    + " WHERE version > 0")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(6);
            }
            List<String> types = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT version, type FROM cairn_schema_history"
                    + " WHERE version > 0 AND event = 'APPLY' ORDER BY version")) {
                while (rows.next()) {
                    types.add(rows.getLong(1) + " " + rows.getString(2));
                }
            }
            assertThat(types).containsExactly("1 SQL", "2 JAVA", "3 SQL", "4 SQL_NON_TRANSACTIONAL", "5 SQL",
                    "6 JAVA").inOrder();
        }
    }

    /**
     * Issue 12 §1: scripts changed after compilation, as an incremental {@code mvn compile} leaves
     * them (the processor did not run again): the generated registry refuses every start, the
     * up-to-date one included, naming what differs.
     */
    @Test
    void generatedRegistryRefusesScriptsAddedOrChangedAfterCompilation() throws Exception {
        Registry registry = registry();
        String url = "jdbc:sqlite:" + temporary.resolve("app.db");
        Migrator.builder(registry).jdbcUrl(url).build().migrate();
        Migrator.builder(registry).jdbcUrl(url).build().migrate(); // the up-to-date start, one history row

        sql.script("db/migration/V7__add_tags.sql", "CREATE TABLE tags (name TEXT);");
        sql.script("db/migration/V3__index_user_email.sql",
                "-- depends-on: 2",
                "CREATE INDEX users_by_email ON users (email, name);");
        sql.script("db/migration/notes.txt", "not a script");

        StaleRegistryException refused = assertThrows(StaleRegistryException.class,
                () -> Migrator.builder(registry).jdbcUrl(url).build().migrate());
        assertThat(refused.added()).containsExactly("db/migration/V7__add_tags.sql");
        assertThat(refused.changed()).containsExactly("db/migration/V3__index_user_email.sql");
        assertThat(refused.removed()).isEmpty();
        assertThat(refused.getMessage()).contains("com.example.MigrationRegistry does not match the SQL scripts");
        assertThat(refused.getMessage()).contains("'mvn clean compile'");
        assertThrows(StaleRegistryException.class, () -> Migrator.builder(registry).jdbcUrl(url).build().validate());
        assertThat(tableExists(url, "tags")).isFalse();

        Files.delete(sql.root().resolve("db/migration/004_seed_roles.sql"));
        refused = assertThrows(StaleRegistryException.class,
                () -> Migrator.builder(registry).jdbcUrl(url).build().info());
        assertThat(refused.removed()).containsExactly("db/migration/004_seed_roles.sql");
    }

    /**
     * Issue 18: each script migration carries the stamp (size and CRC-32) of the bytes the processor
     * read, which the runtime's check compares with the listed file; a one-character edit keeps the
     * size but not the CRC-32, and is refused.
     */
    @Test
    void generatedScriptsCarryTheStampOfTheirBytesAndAnEditKeepingTheSizeIsRefused() throws Exception {
        Registry registry = registry();
        SqlScriptMigration users = (SqlScriptMigration) registry.find(1).orElseThrow().newInstance();
        assertThat(users.stamp()).isEqualTo(
                SqlScript.stamp(Files.readAllBytes(sql.root().resolve("db/migration/V1__create_users.sql"))));
        assertThat(users.undoStamp()).isEqualTo(
                SqlScript.stamp(Files.readAllBytes(sql.root().resolve("db/migration/U1__create_users.sql"))));
        SqlScriptMigration report = (SqlScriptMigration) registry.find(5).orElseThrow().newInstance();
        assertThat(report.stamp()).isEqualTo(
                SqlScript.stamp(Files.readAllBytes(sql.root().resolve("db/reports/V5__user_report.sql"))));
        assertThat(report.undoStamp()).isEqualTo(SqlScript.NO_STAMP);
        String url = "jdbc:sqlite:" + temporary.resolve("app.db");
        Migrator.builder(registry).jdbcUrl(url).build().migrate();

        Path index = sql.root().resolve("db/migration/V3__index_user_email.sql");
        String text = Files.readString(index);
        Files.writeString(index, text.replace("users_by_email", "users_by_emaiL"));

        StaleRegistryException refused = assertThrows(StaleRegistryException.class,
                () -> Migrator.builder(registry).jdbcUrl(url).build().migrate());
        assertThat(refused.changed()).containsExactly("db/migration/V3__index_user_email.sql");
    }

    /**
     * 10,000 scripts in one folder: the stamps sit in the chunks' factory methods beside the names
     * and checksums, so no method or constant pool outgrows the JVM's limits, and each is right.
     */
    @Test
    void folderOf10000ScriptsCompilesWithAStampPerScript() throws Exception {
        SqlSources many = new SqlSources(Files.createDirectories(temporary.resolve("many")));
        int count = 10_000;
        for (int i = 1; i <= count; i++) {
            many.script("db/migration/V" + i + "__t" + i + ".sql", "CREATE TABLE t" + i + " (id INTEGER);");
        }
        Compilation compilation = many.compile(SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")"));
        assertThat(compilation).succeededWithoutWarnings();
        Registry registry = new CompiledClasses(compilation, many.root()).registry("com.example.MigrationRegistry");

        assertThat(registry.migrations()).hasSize(count);
        for (int i : new int[] {1, 500, 501, 9_999, 10_000}) {
            SqlScriptMigration script = (SqlScriptMigration) registry.find(i).orElseThrow().newInstance();
            assertThat(script.stamp()).isEqualTo(SqlScript.stamp(
                    ("CREATE TABLE t" + i + " (id INTEGER);\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    @Test
    void undoScriptBesideTheScriptRunsOnRollback() throws Exception {
        SqlSources only = new SqlSources(Files.createDirectories(temporary.resolve("undo")));
        only.script("db/V1__create_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);");
        only.script("db/V2__create_roles.sql", "CREATE TABLE roles (name TEXT);");
        only.script("db/U2__create_roles.sql", "DROP TABLE roles;");
        Compilation compilation = only.compile(SqlSources.packageInfo(
                "@SqlMigration(version = 1, script = \"db/V1__create_users.sql\")"
                        + " @SqlMigration(version = 2, dependsOn = 1, script = \"db/V2__create_roles.sql\")"));
        assertThat(compilation).succeededWithoutWarnings();
        Registry registry = new CompiledClasses(compilation, only.root()).registry("com.example.MigrationRegistry");
        String url = "jdbc:sqlite:" + temporary.resolve("undo.db");
        Migrator migrator = Migrator.builder(registry).jdbcUrl(url).build();

        migrator.migrate();
        assertThat(tableExists(url, "roles")).isTrue();
        migrator.rollback(1);

        assertThat(tableExists(url, "roles")).isFalse();
        assertThat(tableExists(url, "users")).isTrue();
        assertThat(registry.find(1).orElseThrow().reversible()).isFalse();
    }

    @Test
    void fingerprintFollowsScriptEditsButNotTrailingWhitespace() throws Exception {
        String original = registry().fingerprint().orElseThrow();
        sql.script("db/reports/V5__user_report.sql",
                "CREATE VIEW user_report AS SELECT u.name, u.email FROM users u;   ", "", "");
        String whitespace = registry().fingerprint().orElseThrow();
        sql.script("db/reports/V5__user_report.sql", "CREATE VIEW user_report AS SELECT u.name FROM users u;");
        String edited = registry().fingerprint().orElseThrow();

        assertThat(whitespace).isEqualTo(original);
        assertThat(edited).isNotEqualTo(original);
    }

    @Test
    void registrySourceIsTheSameEveryTime() throws Exception {
        String first = compile().generatedSourceFile("com.example.MigrationRegistry").orElseThrow()
                .getCharContent(false).toString();
        String second = compile().generatedSourceFile("com.example.MigrationRegistry").orElseThrow()
                .getCharContent(false).toString();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void verifiedCompilationOfTheMixedGraphSucceedsWithWarningsForScriptsAfterJava() {
        Compilation compilation = sql.compiler("-Acairn.verify=sqlite").compile(sources().toArray(new JavaFileObject[0]));

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningContaining("[Cairn/SqlVerifySkipped] SQL migration"
                + " db/migration/V3__index_user_email.sql was not run against SQLite");
    }

    @Test
    void scriptsStillRunWhenApplicationClassesTakeTheNamesOfTheRegistrysScriptTypes() throws Exception {
        Compilation compilation = sql.compile(
                SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")"),
                Sources.lines("com.example.InputStream",
                        "package com.example;",
                        "import dev.cairn.Migration;",
                        "import dev.cairn.runtime.*;",
                        "@Migration(version = 2, dependsOn = 1)",
                        "public class InputStream implements JavaMigration {",
                        "    public void up(MigrationContext context) throws Exception {",
                        "        context.execute(\"ALTER TABLE users ADD COLUMN email TEXT\");",
                        "    }",
                        "}"),
                Sources.lines("com.example.ScriptResources",
                        "package com.example;",
                        "final class ScriptResources {",
                        "}"),
                // The stale-registry check's types: the registry's single-type imports shadow these.
                Sources.lines("com.example.URL", "package com.example;", "final class URL {", "}"),
                Sources.lines("com.example.Arrays", "package com.example;", "final class Arrays {", "}"),
                Sources.lines("com.example.CompiledScripts", "package com.example;", "final class CompiledScripts {",
                        "}"));
        assertThat(compilation).succeededWithoutWarnings();
        Registry registry = new CompiledClasses(compilation, sql.root()).registry("com.example.MigrationRegistry");
        String url = "jdbc:sqlite:" + temporary.resolve("names.db");

        int applied = Migrator.builder(registry).jdbcUrl(url).build().migrate().applied().size();

        assertThat(applied).isEqualTo(4);
        assertThat(tableExists(url, "roles")).isTrue();
    }

    private static boolean tableExists(String url, String table) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
                ResultSet rows = connection.getMetaData().getTables(null, null, table, null)) {
            return rows.next();
        }
    }
}
