package dev.cairn.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Versions with parts, as Flyway names them ({@code V1_10__x.sql}, {@code V17.1__x.sql},
 * {@code @Migration(dottedVersion = "1.10")}): accepted, ordered part by part, shown as written in
 * every message, and generated with the runtime's {@code String} overloads.
 */
class VersionsWithPartsTest {

    @TempDir
    Path temporary;

    private SqlSources sql;

    @BeforeEach
    void resources() throws Exception {
        sql = new SqlSources(Files.createDirectories(temporary.resolve("resources")));
    }

    private static List<String> messages(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        return diagnostics.stream().map(d -> d.getMessage(null)).collect(Collectors.toList());
    }

    private static String generatedRegistry(Compilation compilation) throws Exception {
        return compilation.generatedSourceFile("com.example.MigrationRegistry").orElseThrow()
                .getCharContent(false).toString();
    }

    // ---- script names

    @Test
    void flywayNamesWithPartsAreScriptsAndUseTheStringOverloads() throws Exception {
        sql.script("db/migration/V1__init.sql", "CREATE TABLE a (id INT);");
        sql.script("db/migration/V1_10__x.sql", "CREATE TABLE b (id INT);");
        sql.script("db/migration/V17.1__y.sql", "CREATE TABLE c (id INT);");
        sql.script("db/migration/V1_12_15__z.sql", "CREATE TABLE d (id INT);");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        // Compiled: the generated registry is valid Java against the runtime's String overloads.
        assertThat(compilation).succeededWithoutWarnings();
        String registry = generatedRegistry(compilation);
        // 1 and its dependencies are whole numbers: the long overloads; the others as written, with dots.
        assertThat(registry).contains("private static final long[] VERSIONS = {\n            1L, 0L, 0L, 0L\n        };");
        assertThat(registry).contains("private static final String[] VERSION_TEXTS = {\n"
                + "            null, \"1.10\", \"1.12.15\", \"17.1\"\n        };");
        assertThat(registry).contains("private static final String[][] DEPENDS_ON_TEXTS = {\n"
                + "            null, {\"1\"}, {\"1.10\"}, {\"1.12.15\"}\n        };");
        assertThat(registry).contains("GeneratedMigrations.sqlMigration(VERSION_TEXTS[i], DESCRIPTIONS[i],"
                + " DEPENDS_ON_TEXTS[i], CLASS_NAMES[i],");
        assertThat(registry).contains("\"db/migration/V1_10__x.sql\"");
    }

    @Test
    void underscoredVersionNoLongerGetsTheWrongCause() {
        // Used to be "[Cairn/SqlScriptName] ... names starting with V need two underscores after the version".
        sql.script("db/migration/V1_10__x.sql", "CREATE TABLE b (id INT);");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void malformedVersionInANameIsReportedWithItsTrueCauseAndNoEmptyFolderWarning() {
        sql.script("db/migration/V1..2__x.sql", "SELECT 1;");
        sql.script("db/migration/U1._2__x.sql", "SELECT 1;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(messages(compilation.errors())).containsExactly(
                "[Cairn/SqlScriptName] db/migration/U1._2__x.sql looks like a migration script, but the version"
                        + " '1._2' has an empty part: write numbers separated by single dots or underscores, like 1.10"
                        + " or 1_10, so it would be ignored. Rename it to V<version>__<description>.sql (or"
                        + " <version>_<description>.sql; U<version>__<description>.sql for an undo script).",
                "[Cairn/SqlScriptName] db/migration/V1..2__x.sql looks like a migration script, but the version"
                        + " '1..2' has an empty part: write numbers separated by single dots or underscores, like 1.10"
                        + " or 1_10, so it would be ignored. Rename it to V<version>__<description>.sql (or"
                        + " <version>_<description>.sql; U<version>__<description>.sql for an undo script).");
        assertThat(compilation).hadErrorContaining("V1..2__x.sql").inFile(info).onLine(1).atColumn(24);
        // Not also "the folder contains no migration scripts": the errors say why.
        assertThat(compilation.warnings()).isEmpty();
    }

    @Test
    void versionPartTooLargeIsNamed() {
        sql.script("db/migration/V1_99999999999999999999__x.sql", "SELECT 1;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(messages(compilation.errors())).containsExactly("[Cairn/SqlScriptName]"
                + " db/migration/V1_99999999999999999999__x.sql looks like a migration script, but the version"
                + " '1_99999999999999999999' has a part larger than 9223372036854775807, so it would be ignored."
                + " Rename it to V<version>__<description>.sql (or <version>_<description>.sql;"
                + " U<version>__<description>.sql for an undo script).");
    }

    @Test
    void folderRuleOrdersScriptsPartByPart() throws Exception {
        // By the long before the dot, or as text, 1.10 would come before 1.9; by parts it follows it.
        sql.script("db/migration/V1_10__b.sql", "CREATE TABLE b (id INT);");
        sql.script("db/migration/V1_9__a.sql", "CREATE TABLE a (id INT);");
        sql.script("db/migration/V2__c.sql", "CREATE TABLE c (id INT);");
        sql.script("db/migration/U1_10__b.sql", "DROP TABLE b;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).succeededWithoutWarnings();
        String registry = generatedRegistry(compilation);
        assertThat(registry).contains("{}, {\"1.9\"}, {\"1.10\"}");
        assertThat(registry).contains("\"1.9\", \"1.10\", \"2\"");
        // The undo script of a version with parts pairs with its script as written.
        assertThat(registry).contains("\"db/migration/U1_10__b.sql\"");
    }

    @Test
    void headerDependsOnVersionsWithParts() throws Exception {
        sql.script("db/migration/V1_8__a.sql", "CREATE TABLE a (id INT);");
        sql.script("db/migration/V1_9__b.sql", "-- depends-on:", "CREATE TABLE b (id INT);");
        sql.script("db/migration/V3__c.sql", "-- depends-on: 1.9, 1_8", "CREATE TABLE c (id INT);");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(generatedRegistry(compilation)).contains("{\"1.9\", \"1.8\"}");
    }

    @Test
    void malformedVersionInAHeaderIsAHeaderError() {
        sql.script("db/migration/V1__a.sql", "CREATE TABLE a (id INT);");
        sql.script("db/migration/V2__b.sql", "-- depends-on: 1..2", "CREATE TABLE b (id INT);");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(messages(compilation.errors())).containsExactly("[Cairn/SqlHeader] db/migration/V2__b.sql:1:"
                + " '-- depends-on:' lists '1..2', which is not a version. Write versions separated by commas, e.g."
                + " '-- depends-on: 2, 5', or nothing for no dependencies.");
    }

    @Test
    void unknownDependencyWithPartsIsShownAsWritten() {
        sql.script("db/migration/V1_9__a.sql", "CREATE TABLE a (id INT);");
        sql.script("db/migration/V2__b.sql", "-- depends-on: 1_11", "CREATE TABLE b (id INT);");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(messages(compilation.errors())).containsExactly("[Cairn/UnknownDependency] SQL migration"
                + " db/migration/V2__b.sql depends on version 1.11 (from the '-- depends-on:' header at"
                + " db/migration/V2__b.sql:1), but no migration has version 1.11. Fix the version in the"
                + " '-- depends-on:' header at db/migration/V2__b.sql:1, or add the missing migration to this"
                + " compilation.");
        assertThat(compilation).hadErrorContaining("version 1.11").inFile(info).onLine(1).atColumn(24);
    }

    @Test
    void oneAndOnePointZeroAreDuplicatesShownAsWritten() {
        sql.script("db/migration/V1__a.sql", "CREATE TABLE a (id INT);");
        sql.script("db/migration/V1.0__b.sql", "CREATE TABLE b (id INT);");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(messages(compilation.errors())).containsExactly(
                "[Cairn/DuplicateVersion] version 1.0 of SQL migration db/migration/V1.0__b.sql is also used by SQL"
                        + " migration db/migration/V1__a.sql (as 1). Each migration needs its own version: give one of"
                        + " them an unused version.",
                "[Cairn/DuplicateVersion] version 1 of SQL migration db/migration/V1__a.sql is also used by SQL"
                        + " migration db/migration/V1.0__b.sql (as 1.0). Each migration needs its own version: give one"
                        + " of them an unused version.");
        assertThat(compilation).hadErrorContaining("V1.0__b.sql (as 1.0)").inFile(info).onLine(1).atColumn(24);
    }

    @Test
    void cyclePathShowsVersionsAsWritten() {
        sql.script("db/migration/V1_9__a.sql", "-- depends-on: 1.10", "CREATE TABLE a (id INT);");
        sql.script("db/migration/V1_10__b.sql", "CREATE TABLE b (id INT);");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/DependencyCycle] migrations depend on each other in a"
                + " cycle: 1.9 (V1_9__a.sql) -> 1.10 (V1_10__b.sql) -> 1.9 (V1_9__a.sql)").inFile(info).onLine(1);
    }
}
