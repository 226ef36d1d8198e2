package dev.cairn.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import dev.cairn.runtime.MigrationReport;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.Registry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
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

        assertThat(SqlSources.messages(compilation.errors())).containsExactly(
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

        assertThat(SqlSources.messages(compilation.errors())).containsExactly("[Cairn/SqlScriptName]"
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

        assertThat(SqlSources.messages(compilation.errors())).containsExactly("[Cairn/SqlHeader] db/migration/V2__b.sql:1:"
                + " '-- depends-on:' lists '1..2', which is not a version. Write versions separated by commas, e.g."
                + " '-- depends-on: 2, 5', or nothing for no dependencies.");
    }

    @Test
    void unknownDependencyWithPartsIsShownAsWritten() {
        sql.script("db/migration/V1_9__a.sql", "CREATE TABLE a (id INT);");
        sql.script("db/migration/V2__b.sql", "-- depends-on: 1_11", "CREATE TABLE b (id INT);");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(SqlSources.messages(compilation.errors())).containsExactly("[Cairn/UnknownDependency] SQL migration"
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

        assertThat(SqlSources.messages(compilation.errors())).containsExactly(
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

    // ---- annotations: version or dottedVersion, dependsOn and dependsOnDotted

    private static Compilation compile(JavaFileObject... sources) {
        return javac().withProcessors(new MigrationProcessor()).compile(sources);
    }

    @Test
    void javaMigrationsWithDottedVersionsUseTheStringOverloads() throws Exception {
        Compilation compilation = compile(
                Sources.migration("Init", "version = 1"),
                Sources.migration("Nine", "dottedVersion = \"1.9\""),
                Sources.migration("Ten", "dottedVersion = \"1.10\", dependsOnDotted = \"1.9\""),
                Sources.migration("Two", "version = 2, dependsOn = 1, dependsOnDotted = \"1_10\""));

        assertThat(compilation).succeededWithoutWarnings();
        String registry = generatedRegistry(compilation);
        assertThat(registry).contains("private static final long[] VERSIONS = {\n            1L, 0L, 0L, 0L\n        };");
        assertThat(registry).contains("null, \"1.9\", \"1.10\", \"2\"");
        // dependencies: the union of dependsOn and dependsOnDotted, in that order
        assertThat(registry).contains("null, {}, {\"1.9\"}, {\"1\", \"1.10\"}");
        assertThat(registry).contains("list.add(GeneratedMigrations.javaMigration(VERSION_TEXTS[i], DESCRIPTIONS[i],"
                + " DEPENDS_ON_TEXTS[i],");
    }

    @Test
    void wholeNumberWrittenAsDottedVersionKeepsTheLongCallsAndRuns() throws Exception {
        Compilation compilation = compile(Sources.lines("com.example.Three",
                "package com.example;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.*;",
                "@Migration(dottedVersion = \"3\")",
                "public class Three implements JavaMigration {",
                "    public void up(MigrationContext context) throws Exception {",
                "        context.execute(\"CREATE TABLE three (id INT)\");",
                "    }",
                "}"));

        assertThat(compilation).succeededWithoutWarnings();
        String registry = generatedRegistry(compilation);
        assertThat(registry).contains("3L");
        assertThat(registry).doesNotContain("VERSION_TEXTS");
        Registry loaded = new CompiledClasses(compilation).registry("com.example.MigrationRegistry");
        String url = "jdbc:sqlite:" + temporary.resolve("three.db");
        Migrator.builder(loaded).jdbcUrl(url).build().migrate();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT id FROM three").close();
        }
    }

    @Test
    void migrationWithoutAnyVersionIsMissingVersion() {
        JavaFileObject none = Sources.migration("NoVersion", "description = \"x\"");

        Compilation compilation = compile(none);

        assertThat(SqlSources.messages(compilation.errors())).containsExactly("[Cairn/MissingVersion] @Migration"
                + " com.example.NoVersion has no version. Give it one: version = 3 for a whole number, or"
                + " dottedVersion = \"1.10\" for a version with parts.");
        assertThat(compilation).hadErrorContaining("[Cairn/MissingVersion]").inFile(none).onLine(5).atColumn(1);
    }

    @Test
    void versionAndDottedVersionTogetherConflict() {
        JavaFileObject both = Sources.migration("Both", "version = 3, dottedVersion = \"1.10\"");

        Compilation compilation = compile(both);

        assertThat(SqlSources.messages(compilation.errors())).containsExactly("[Cairn/ConflictingVersions] @Migration"
                + " com.example.Both gives both version = 3 and dottedVersion = \"1.10\". Give one: version for a whole"
                + " number (version = 3), dottedVersion for a version with parts (dottedVersion = \"1.10\").");
        assertThat(compilation).hadErrorContaining("[Cairn/ConflictingVersions]").inFile(both).onLine(5).atColumn(41);
    }

    /** Its dependents name one of the two versions it meant: the conflict is the one error, not also theirs. */
    @Test
    void dependentsOfAMigrationWithConflictingVersionsGetNoUnknownDependencyError() {
        JavaFileObject both = Sources.migration("Both", "version = 3, dottedVersion = \"1.10\"");
        JavaFileObject onWhole = Sources.migration("OnWhole", "version = 4, dependsOn = 3");
        JavaFileObject onDotted = Sources.migration("OnDotted", "dottedVersion = \"1.11\", dependsOnDotted = \"1.10\"");
        JavaFileObject onNeither = Sources.migration("OnNeither", "version = 5, dependsOn = 7");

        Compilation compilation = compile(both, onWhole, onDotted, onNeither);

        assertThat(SqlSources.messages(compilation.errors())).containsExactly("[Cairn/ConflictingVersions] @Migration"
                + " com.example.Both gives both version = 3 and dottedVersion = \"1.10\". Give one: version for a whole"
                + " number (version = 3), dottedVersion for a version with parts (dottedVersion = \"1.10\").",
                "[Cairn/UnknownDependency] @Migration com.example.OnNeither depends on version 7, but no migration has"
                + " version 7. Fix the version in dependsOn, or add the missing migration to this compilation.");
        assertThat(compilation).hadErrorContaining("[Cairn/ConflictingVersions]").inFile(both).onLine(5).atColumn(41);
        assertThat(compilation).hadErrorContaining("[Cairn/UnknownDependency]").inFile(onNeither).onLine(5);
    }

    @Test
    void malformedDottedVersionIsInvalidWithTheRuntimesSentence() {
        JavaFileObject bad = Sources.migration("Bad", "dottedVersion = \"1..2\"");

        Compilation compilation = compile(bad);

        assertThat(SqlSources.messages(compilation.errors())).containsExactly("[Cairn/InvalidVersion] the dottedVersion of"
                + " @Migration com.example.Bad is not a version. The version '1..2' has an empty part: write numbers"
                + " separated by single dots or underscores, like 1.10 or 1_10.");
        assertThat(compilation).hadErrorContaining("[Cairn/InvalidVersion]").inFile(bad).onLine(5).atColumn(28);
    }

    @Test
    void malformedDependsOnDottedEntryIsInvalidOnThatEntry() {
        JavaFileObject bad = Sources.migration("Bad", "version = 2, dependsOnDotted = {\"1.9\", \"1.x\"}");

        Compilation compilation = compile(Sources.migration("Nine", "dottedVersion = \"1.9\""), bad);

        assertThat(SqlSources.messages(compilation.errors())).containsExactly("[Cairn/InvalidVersion] dependsOnDotted of"
                + " @Migration com.example.Bad lists \"1.x\", which is not a version. The version '1.x' has 'x' in it:"
                + " a version is numbers separated by dots or underscores, like 1.10 or 1_10.");
        assertThat(compilation).hadErrorContaining("[Cairn/InvalidVersion]").inFile(bad).onLine(5).atColumn(51);
    }

    @Test
    void dottedZeroIsNotPositive() {
        JavaFileObject zero = Sources.migration("Zero", "dottedVersion = \"0.0\"");

        Compilation compilation = compile(zero);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/InvalidVersion] @Migration com.example.Zero has version"
                + " 0.0, but versions must be positive.").inFile(zero).onLine(5).atColumn(28);
    }

    @Test
    void selfDependencyThroughDependsOnDottedNamesThatAttribute() {
        JavaFileObject self = Sources.migration("Self", "dottedVersion = \"1.10\", dependsOnDotted = \"1_10\"");

        Compilation compilation = compile(self);

        assertThat(SqlSources.messages(compilation.errors())).containsExactly("[Cairn/SelfDependency] @Migration"
                + " com.example.Self (version 1.10) depends on itself. Remove 1.10 from dependsOnDotted.");
        assertThat(compilation).hadErrorContaining("[Cairn/SelfDependency]").inFile(self).onLine(5).atColumn(54);
    }

    @Test
    void oneListedInDependsOnAndAsOnePointZeroInDependsOnDottedIsARepeat() {
        JavaFileObject repeat = Sources.migration("Repeat", "version = 5, dependsOn = 1, dependsOnDotted = \"1.0\"");

        Compilation compilation = compile(Sources.migration("Init", "version = 1"), repeat);

        assertThat(compilation).succeeded();
        assertThat(SqlSources.messages(compilation.warnings())).containsExactly("[Cairn/RepeatedDependency] @Migration"
                + " com.example.Repeat lists version 1.0 more than once in dependsOnDotted. Remove the repeat (or"
                + " correct it, if another version was meant).");
    }

    @Test
    void cycleBetweenJavaMigrationsShowsVersionsAsWritten() {
        JavaFileObject nine = Sources.migration("Nine", "dottedVersion = \"1.9\", dependsOnDotted = \"1.10\"");
        JavaFileObject ten = Sources.migration("Ten", "dottedVersion = \"1.10\", dependsOnDotted = \"1.9\"");

        Compilation compilation = compile(ten, nine);

        assertThat(SqlSources.messages(compilation.errors())).containsExactly("[Cairn/DependencyCycle] migrations depend on each"
                + " other in a cycle: 1.9 (Nine) -> 1.10 (Ten) -> 1.9 (Nine) (read each arrow as 'depends on'). No"
                + " order can apply them; remove one of these dependencies.");
        assertThat(compilation).hadErrorContaining("[Cairn/DependencyCycle]").inFile(nine).onLine(5).atColumn(53);
    }

    @Test
    void sqlMigrationWithDottedVersion() throws Exception {
        sql.script("db/other/V1_9__a.sql", "CREATE TABLE a (id INT);");
        sql.script("db/other/V1_10__b.sql", "CREATE TABLE b (id INT);");
        JavaFileObject holder = SqlSources.holder(
                "@SqlMigration(dottedVersion = \"1.9\", script = \"db/other/V1_9__a.sql\")",
                "@SqlMigration(dottedVersion = \"1.10\", dependsOnDotted = \"1.9\", script = \"db/other/V1_10__b.sql\")");

        Compilation compilation = sql.compile(holder);

        assertThat(compilation).succeededWithoutWarnings();
        String registry = generatedRegistry(compilation);
        assertThat(registry).contains("\"1.9\", \"1.10\"");
        assertThat(registry).contains("{}, {\"1.9\"}");
    }

    @Test
    void sqlMigrationWithoutVersionIsMissingVersion() {
        sql.script("db/other/V1__a.sql", "CREATE TABLE a (id INT);");
        JavaFileObject holder = SqlSources.holder("@SqlMigration(script = \"db/other/V1__a.sql\")");

        Compilation compilation = sql.compile(holder);

        assertThat(SqlSources.messages(compilation.errors())).containsExactly("[Cairn/MissingVersion]"
                + " @SqlMigration(script = \"db/other/V1__a.sql\") has no version. Give it one: version = 3 for a whole"
                + " number, or dottedVersion = \"1.10\" for a version with parts.");
        assertThat(compilation).hadErrorContaining("[Cairn/MissingVersion]").inFile(holder).onLine(3).atColumn(1);
    }

    @Test
    void folderDependsOnDottedLinksItsFirstScript() throws Exception {
        sql.script("db/migration/V2__b.sql", "CREATE TABLE b (id INT);");
        sql.script("db/migration/V3__c.sql", "CREATE TABLE c (id INT);");
        JavaFileObject info = SqlSources.packageInfo(
                "@SqlMigrationDirectory(value = \"db/migration\", dependsOnDotted = \"1.9\")");

        Compilation compilation = sql.compile(info, Sources.migration("Nine", "dottedVersion = \"1.9\""));

        assertThat(compilation).succeededWithoutWarnings();
        String registry = generatedRegistry(compilation);
        // 2 depends on 1.9 (String overloads), 3 on 2 (long overloads)
        assertThat(registry).contains("0L, 0L, 3L");
        assertThat(registry).contains("\"1.9\", \"2\", null");
        assertThat(registry).contains("{}, {\"1.9\"}, null");
    }

    @Test
    void unknownDependsOnDottedIsReportedOnItsEntry() {
        JavaFileObject two = Sources.migration("Two", "version = 2, dependsOnDotted = \"1.9\"");

        Compilation compilation = compile(two);

        assertThat(SqlSources.messages(compilation.errors())).containsExactly("[Cairn/UnknownDependency] @Migration"
                + " com.example.Two depends on version 1.9, but no migration has version 1.9. Fix the version in"
                + " dependsOnDotted, or add the missing migration to this compilation.");
        assertThat(compilation).hadErrorContaining("[Cairn/UnknownDependency]").inFile(two).onLine(5).atColumn(43);
    }

    // ---- the generated registry

    @Test
    void generatesReadableRegistryWithVersionsWithParts() throws Exception {
        sql.script("db/migration/V1__init.sql", "CREATE TABLE a (id INT);");
        sql.script("db/migration/V1_9__nine.sql", "CREATE TABLE b (id INT);");
        sql.script("db/migration/V1_10__ten.sql", "CREATE TABLE c (id INT);");
        sql.script("db/migration/U1_10__ten.sql", "DROP TABLE c;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info,
                Sources.migration("Seed", "version = 2, dependsOnDotted = \"1.10\""),
                Sources.migration("Report", "version = 3, dependsOn = 2"));

        assertThat(compilation).succeededWithoutWarnings();
        RegistryGenerationTest.assertRegistryMatchesGolden(compilation, "golden/VersionsWithPartsRegistry.java.golden");
    }

    @Test
    void registryWithVersionsWithPartsDoesNotDependOnSourceOrder() throws Exception {
        JavaFileObject[] sources = {
                Sources.migration("Ten", "dottedVersion = \"1.10\""),
                Sources.migration("Nine", "dottedVersion = \"1_9\""),
                Sources.migration("Whole", "version = 1"),
                Sources.migration("Two", "version = 2, dependsOnDotted = {\"1.10\", \"1.9\"}")};
        JavaFileObject[] reversed = {sources[3], sources[2], sources[1], sources[0]};

        String first = generatedRegistry(compile(sources));

        assertThat(generatedRegistry(compile(reversed))).isEqualTo(first);
        assertThat(first).contains("null, \"1.9\", \"1.10\", \"2\"");
    }

    /**
     * The whole path: a Flyway-style folder with versions with parts and a Java migration naming one,
     * compiled by the processor and applied to a real SQLite file, in Flyway's order, recorded as
     * written, and found up to date (and not stale) at the next start.
     */
    @Test
    void flywayStyleFolderWithVersionsWithPartsIsAppliedInFlywaysOrderEndToEnd() throws Exception {
        sql.script("db/migration/V1__create_books.sql", "CREATE TABLE books (id INTEGER PRIMARY KEY);");
        sql.script("db/migration/V1_9__add_title.sql", "ALTER TABLE books ADD COLUMN title TEXT;");
        sql.script("db/migration/V1_10__add_isbn.sql", "ALTER TABLE books ADD COLUMN isbn TEXT;");
        sql.script("db/migration/V2__create_shelves.sql", "CREATE TABLE shelves (id INTEGER PRIMARY KEY);");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");
        JavaFileObject seed = Sources.lines("com.example.SeedBooks",
                "package com.example;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.*;",
                "@Migration(dottedVersion = \"1.11\", dependsOnDotted = \"1.10\")",
                "public class SeedBooks implements JavaMigration {",
                "    public void up(MigrationContext context) throws Exception {",
                "        context.execute(\"INSERT INTO books (title, isbn) VALUES ('Dune', '978-0441013593')\");",
                "    }",
                "}");

        Compilation compilation = sql.compile(info, seed);

        assertThat(compilation).succeededWithoutWarnings();
        Registry registry = new CompiledClasses(compilation, sql.root()).registry("com.example.MigrationRegistry");
        String url = "jdbc:sqlite:" + temporary.resolve("books.db");
        MigrationReport report = Migrator.builder(registry).jdbcUrl(url).build().migrate();

        assertThat(report.applied().stream().map(e -> e.migration().version().toString())
                .collect(Collectors.toList())).containsExactly("1", "1.9", "1.10", "1.11", "2").inOrder();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                java.sql.ResultSet rows = statement.executeQuery("SELECT version || ':' || coalesce(version_parts, '-')"
                        + " FROM cairn_schema_history WHERE event <> 'VERIFIED' ORDER BY installed_rank")) {
            List<String> history = new java.util.ArrayList<>();
            while (rows.next()) {
                history.add(rows.getString(1));
            }
            assertThat(history).containsExactly("1:-", "1:1.9", "1:1.10", "1:1.11", "2:-").inOrder();
        }
        Migrator again = Migrator.builder(registry).jdbcUrl(url).build();
        assertThat(again.migrate().applied()).isEmpty();
        assertThat(again.validate().isValid()).isTrue();
        assertThat(again.info().migrations().stream().map(m -> m.version() + " " + m.state())
                .collect(Collectors.toList())).containsExactly("1 APPLIED", "1.9 APPLIED", "1.10 APPLIED",
                        "1.11 APPLIED", "2 APPLIED").inOrder();
    }
}
