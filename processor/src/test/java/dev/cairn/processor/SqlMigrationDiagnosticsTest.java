package dev.cairn.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every compile-time diagnostic about SQL migrations: its code, its message, and the file and
 * line it is reported on (the annotation that declares the script; the script's own line is in
 * the message as {@code <script>:<line>}).
 */
class SqlMigrationDiagnosticsTest {

    @TempDir
    Path temporary;

    private SqlSources sql;

    @BeforeEach
    void resources() throws Exception {
        sql = new SqlSources(Files.createDirectories(temporary.resolve("resources")));
    }

    // ---- one script: found, UTF-8, not empty, well formed, no transaction control

    @Test
    void missingScriptIsReportedOnTheScriptValueWithThePathAndThePlacesSearched() {
        JavaFileObject info = SqlSources.packageInfo(
                "@SqlMigration(version = 1, script = \"db/migration/V1__missing.sql\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/SqlScriptNotFound] the SQL script"
                + " db/migration/V1__missing.sql was not found. Searched -Acairn.resourceDirs ("
                + sql.root() + "), the class output, the class path and the source path.")
                .inFile(info).onLine(1).atColumn(37);
    }

    @Test
    void missingScriptWithoutTheOptionSaysTheOptionWasNotGiven() {
        JavaFileObject info = SqlSources.packageInfo("@SqlMigration(version = 1, script = \"db/V1__x.sql\")");

        Compilation compilation = javac().withProcessors(new MigrationProcessor()).compile(info);

        assertThat(compilation).hadErrorContaining("[Cairn/SqlScriptNotFound]").inFile(info).onLine(1);
        assertThat(compilation).hadErrorContaining("the class output, the class path and the source path"
                + " (no -Acairn.resourceDirs given)");
    }

    @Test
    void scriptThatIsNotUtf8IsReportedWithTheLineOfTheBadByte() {
        sql.bytes("db/V1__latin1.sql", "-- caf\u00e9\nINSERT INTO t VALUES ('caf\u00e9');\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        JavaFileObject info = SqlSources.packageInfo("@SqlMigration(version = 1, script = \"db/V1__latin1.sql\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/SqlScriptEncoding] db/V1__latin1.sql:1: the SQL script"
                + " is not valid UTF-8 (byte 6 starts an invalid sequence). Save it as UTF-8.")
                .inFile(info).onLine(1).atColumn(37);
    }

    @Test
    void scriptWithOnlyCommentsIsEmpty() {
        sql.script("db/V1__nothing.sql", "-- TODO", "/* later */", "   ;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigration(version = 1, script = \"db/V1__nothing.sql\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/SqlEmptyScript] the SQL script db/V1__nothing.sql contains"
                + " no statement (only whitespace and comments)").inFile(info).onLine(1);
    }

    @Test
    void unterminatedQuoteIsReportedAtTheScriptLineWhereItStarts() {
        sql.script("db/V1__quote.sql",
                "CREATE TABLE t (name TEXT);",
                "INSERT INTO t VALUES ('it''s fine');",
                "INSERT INTO t VALUES ('never closed);",
                "SELECT 1;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigration(version = 1, script = \"db/V1__quote.sql\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/SqlSyntax] db/V1__quote.sql:3: ").inFile(info).onLine(1);
        assertThat(compilation).hadErrorContaining("quote");
    }

    @Test
    void unterminatedBlockCommentIsReportedAtItsLine() {
        sql.script("db/V1__comment.sql", "SELECT 1;", "", "/* a comment /* nested */ still open", "SELECT 2;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigration(version = 1, script = \"db/V1__comment.sql\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).hadErrorContaining("[Cairn/SqlSyntax] db/V1__comment.sql:3: ").inFile(info).onLine(1);
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void transactionControlIsReportedOncePerStatementAtItsScriptLine() {
        sql.script("db/V1__commits.sql",
                "BEGIN;",
                "CREATE TABLE t (id INT);",
                "-- make it stick",
                "COMMIT;",
                "SAVEPOINT s; RELEASE s;",
                "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigration(version = 1, script = \"db/V1__commits.sql\")");

        Compilation compilation = sql.compile(info);

        assertThat(SqlSources.messages(compilation.errors())).containsExactly(
                "[Cairn/SqlTransactionControl] db/V1__commits.sql:1: the statement 'BEGIN' controls the transaction,"
                        + " but Cairn runs each migration and its history row in one transaction of its own. Remove it;"
                        + " for statements that cannot run in a transaction, declare the migration with"
                        + " transactional = false (in a folder: a '-- transactional: false' header).",
                "[Cairn/SqlTransactionControl] db/V1__commits.sql:4: the statement 'COMMIT' controls the transaction,"
                        + " but Cairn runs each migration and its history row in one transaction of its own. Remove it;"
                        + " for statements that cannot run in a transaction, declare the migration with"
                        + " transactional = false (in a folder: a '-- transactional: false' header).").inOrder();
        assertThat(compilation).hadErrorContaining("db/V1__commits.sql:4:").inFile(info).onLine(1).atColumn(37);
    }

    @Test
    void repeatedAnnotationsReportOnTheirOwnEntry() {
        sql.script("db/V1__ok.sql", "CREATE TABLE t (id INT);");
        JavaFileObject holder = SqlSources.holder(
                "@SqlMigration(version = 1, script = \"db/V1__ok.sql\")",
                "@SqlMigration(version = 2, dependsOn = 1, script = \"db/V2__gone.sql\")");

        Compilation compilation = sql.compile(holder);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/SqlScriptNotFound] the SQL script db/V2__gone.sql")
                .inFile(holder).onLine(4).atColumn(52);
    }

    @Test
    void missingUndoScriptIsReportedOnTheUndoValue() {
        sql.script("db/V1__ok.sql", "CREATE TABLE t (id INT);");
        JavaFileObject info = SqlSources.packageInfo(
                "@SqlMigration(version = 1, script = \"db/V1__ok.sql\", undo = \"db/undo1.sql\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/SqlScriptNotFound] the SQL undo script db/undo1.sql was"
                + " not found").inFile(info).onLine(1).atColumn(61);
    }

    @Test
    void undoScriptIsCheckedLikeTheScript() {
        sql.script("db/V1__ok.sql", "CREATE TABLE t (id INT);");
        sql.script("db/U1__ok.sql", "DROP TABLE t;", "COMMIT;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigration(version = 1, script = \"db/V1__ok.sql\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/SqlTransactionControl] db/U1__ok.sql:2: the statement"
                + " 'COMMIT'").inFile(info).onLine(1);
    }

    // ---- graph rules across Java and SQL

    @Test
    void duplicateVersionAcrossJavaAndSqlIsReportedOnBoth() {
        sql.script("db/V3__add_index.sql", "CREATE INDEX i ON t (id);");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigration(version = 3, script = \"db/V3__add_index.sql\")");
        JavaFileObject java = Sources.migration("AddColumn", "version = 3");

        Compilation compilation = sql.compile(info, java);

        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation).hadErrorContaining("[Cairn/DuplicateVersion] version 3 of SQL migration"
                + " db/V3__add_index.sql is also used by com.example.AddColumn").inFile(info).onLine(1).atColumn(25);
        assertThat(compilation).hadErrorContaining("[Cairn/DuplicateVersion] version 3 of @Migration"
                + " com.example.AddColumn is also used by SQL migration db/V3__add_index.sql")
                .inFile(java).onLineContaining("version = 3");
    }

    @Test
    void unknownDependencyOfAScriptIsReportedOnItsDependsOnEntry() {
        sql.script("db/V2__b.sql", "CREATE TABLE b (id INT);");
        JavaFileObject info = SqlSources.packageInfo(
                "@SqlMigration(version = 2, dependsOn = 9, script = \"db/V2__b.sql\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/UnknownDependency] SQL migration db/V2__b.sql depends on"
                + " version 9, but no migration has version 9. Fix the version in dependsOn")
                .inFile(info).onLine(1).atColumn(40);
    }

    @Test
    void javaMigrationMayDependOnAScriptAndAScriptOnAJavaMigration() {
        sql.script("db/V2__b.sql", "CREATE TABLE b (id INT);");
        Compilation compilation = sql.compile(
                SqlSources.packageInfo("@SqlMigration(version = 2, dependsOn = 1, script = \"db/V2__b.sql\")"),
                Sources.migration("First", "version = 1"),
                Sources.migration("Third", "version = 3, dependsOn = 2"));

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void cycleThroughSqlAndJavaIsOnePathNamingTheScript() {
        sql.script("db/V1__a.sql", "CREATE TABLE a (id INT);");
        JavaFileObject info = SqlSources.packageInfo(
                "@SqlMigration(version = 1, dependsOn = 2, script = \"db/V1__a.sql\")");
        JavaFileObject java = Sources.migration("Beta", "version = 2, dependsOn = 1");

        Compilation compilation = sql.compile(info, java);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/DependencyCycle] migrations depend on each other in a"
                + " cycle: 1 (V1__a.sql) -> 2 (Beta) -> 1 (V1__a.sql)").inFile(info).onLine(1).atColumn(40);
    }

    @Test
    void scriptDependingOnItselfIsRejected() {
        sql.script("db/V4__a.sql", "CREATE TABLE a (id INT);");
        JavaFileObject info = SqlSources.packageInfo(
                "@SqlMigration(version = 4, dependsOn = 4, script = \"db/V4__a.sql\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/SelfDependency] SQL migration db/V4__a.sql (version 4)"
                + " depends on itself. Remove 4 from dependsOn.").inFile(info).onLine(1).atColumn(40);
    }

    @Test
    void scriptVersionMustBePositive() {
        sql.script("db/V0__a.sql", "CREATE TABLE a (id INT);");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigration(version = 0, script = \"db/V0__a.sql\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/InvalidVersion] SQL migration db/V0__a.sql has version 0,"
                + " but versions must be positive").inFile(info).onLine(1).atColumn(25);
    }

    // ---- folders

    @Test
    void folderThatDoesNotExistIsReportedOnItsValue() {
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/nowhere\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/SqlDirectoryNotFound] the SQL migration folder db/nowhere"
                + " was not found. Searched -Acairn.resourceDirs").inFile(info).onLine(1).atColumn(24);
    }

    @Test
    void folderInsideAJarCannotBeListed() throws Exception {
        File jar = temporary.resolve("scripts.jar").toFile();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar.toPath()))) {
            out.putNextEntry(new JarEntry("db/"));
            out.closeEntry();
            out.putNextEntry(new JarEntry("db/jarred/"));
            out.closeEntry();
            out.putNextEntry(new JarEntry("db/jarred/V1__a.sql"));
            out.write("CREATE TABLE a (id INT);\n".getBytes());
            out.closeEntry();
        }
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/jarred\")");

        Compilation compilation = javac().withProcessors(new MigrationProcessor())
                .withClasspath(classPathWith(jar)).compile(info);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/SqlDirectoryNotListable] the SQL migration folder db/jarred"
                + " was found in the class path").inFile(info).onLine(1).atColumn(24);
        assertThat(compilation).hadErrorContaining("but the compiler offers no way to list the files there. Declare"
                + " each script with @SqlMigration, or pass the folder's parent directory with"
                + " -Acairn.resourceDirs=src/main/resources.");
    }

    @Test
    void nearMissNamesAreErrorsThatSayWhatIsWrong() {
        sql.script("db/migration/V1__ok.sql", "CREATE TABLE a (id INT);");
        sql.script("db/migration/V2_single_underscore.sql", "SELECT 1;");
        sql.script("db/migration/v3__lower_case.sql", "SELECT 1;");
        sql.script("db/migration/V4__.sql", "SELECT 1;");
        sql.script("db/migration/V5__shouting.SQL", "SELECT 1;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(SqlSources.messages(compilation.errors())).containsExactly(
                "[Cairn/SqlScriptName] db/migration/V2_single_underscore.sql looks like a migration script, but names"
                        + " starting with V need two underscores after the version, so it would be ignored. Rename it"
                        + " to V<version>__<description>.sql (or <version>_<description>.sql;"
                        + " U<version>__<description>.sql for an undo script).",
                "[Cairn/SqlScriptName] db/migration/V4__.sql looks like a migration script, but it has no description"
                        + " after the version, so it would be ignored. Rename it to V<version>__<description>.sql (or"
                        + " <version>_<description>.sql; U<version>__<description>.sql for an undo script).",
                "[Cairn/SqlScriptName] db/migration/V5__shouting.SQL looks like a migration script, but the"
                        + " extension must be .sql in lower case, so it would be ignored. Rename it to"
                        + " V<version>__<description>.sql (or <version>_<description>.sql;"
                        + " U<version>__<description>.sql for an undo script).",
                "[Cairn/SqlScriptName] db/migration/v3__lower_case.sql looks like a migration script, but the prefix"
                        + " must be an upper-case V, so it would be ignored. Rename it to V<version>__<description>.sql"
                        + " (or <version>_<description>.sql; U<version>__<description>.sql for an undo script).");
        assertThat(compilation).hadErrorContaining("V2_single_underscore.sql").inFile(info).onLine(1).atColumn(24);
    }

    @Test
    void otherFilesInTheFolderAreIgnoredWithAWarning() {
        sql.script("db/migration/V1__ok.sql", "CREATE TABLE a (id INT);");
        sql.script("db/migration/README.md", "# scripts");
        sql.script("db/migration/.gitkeep");
        sql.script("db/migration/old/V0__ancient.sql", "SELECT 1;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).succeeded();
        assertThat(SqlSources.messages(compilation.warnings())).containsExactly(
                "[Cairn/SqlIgnoredFile] db/migration/README.md in SQL migration folder db/migration is ignored: it is"
                        + " not named V<version>__<description>.sql, <version>_<description>.sql,"
                        + " U<version>__<description>.sql or R__<description>.sql. Rename it if it is a migration, or"
                        + " move it out of the folder.",
                "[Cairn/SqlIgnoredFile] the subfolder db/migration/old of SQL migration folder db/migration is not"
                        + " read: scripts must be directly in the folder. Move them up, or declare the subfolder with"
                        + " its own @SqlMigrationDirectory.");
        assertThat(compilation).hadWarningContaining("README.md").inFile(info).onLine(1).atColumn(24);
    }

    @Test
    void emptyFolderGetsAWarning() throws Exception {
        Files.createDirectories(sql.root().resolve("db/migration"));
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info, Sources.migration("First", "version = 1"));

        assertThat(compilation).succeeded();
        assertThat(SqlSources.messages(compilation.warnings())).containsExactly("[Cairn/SqlIgnoredFile] the SQL migration"
                + " folder db/migration (" + sql.root().resolve("db/migration") + ") contains no migration scripts.");
        assertThat(compilation).hadWarningContaining("contains no migration scripts").inFile(info).onLine(1).atColumn(24);
    }

    @Test
    void undoScriptWithoutItsMigrationIsAnError() {
        sql.script("db/migration/V1__ok.sql", "CREATE TABLE a (id INT);");
        sql.script("db/migration/U2__orphan.sql", "DROP TABLE b;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/SqlUndoWithoutScript] the undo script"
                + " db/migration/U2__orphan.sql has no migration script with its version in db/migration.")
                .inFile(info).onLine(1).atColumn(24);
    }

    @Test
    void malformedHeaderIsReportedAtItsScriptLine() {
        sql.script("db/migration/V1__ok.sql", "CREATE TABLE a (id INT);");
        sql.script("db/migration/V2__b.sql",
                "-- Adds table b.",
                "-- depends-on: 1, two",
                "-- transactional: maybe",
                "CREATE TABLE b (id INT);");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(SqlSources.messages(compilation.errors())).containsExactly(
                "[Cairn/SqlHeader] db/migration/V2__b.sql:2: '-- depends-on:' lists 'two', which is not a version."
                        + " Write versions separated by commas, e.g. '-- depends-on: 2, 5', or nothing for no"
                        + " dependencies.",
                "[Cairn/SqlHeader] db/migration/V2__b.sql:3: '-- transactional:' must be 'true' or 'false', not"
                        + " 'maybe'.");
        assertThat(compilation).hadErrorContaining("V2__b.sql:2").inFile(info).onLine(1).atColumn(24);
    }

    @Test
    void unknownDependencyInAHeaderNamesTheHeaderLine() {
        sql.script("db/migration/V1__a.sql", "CREATE TABLE a (id INT);");
        sql.script("db/migration/V2__b.sql", "", "-- depends-on: 1, 7", "CREATE TABLE b (id INT);");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(SqlSources.messages(compilation.errors())).containsExactly("[Cairn/UnknownDependency] SQL migration"
                + " db/migration/V2__b.sql depends on version 7 (from the '-- depends-on:' header at"
                + " db/migration/V2__b.sql:2), but no migration has version 7. Fix the version in the"
                + " '-- depends-on:' header at db/migration/V2__b.sql:2, or add the missing migration to this"
                + " compilation.");
        assertThat(compilation).hadErrorContaining("version 7").inFile(info).onLine(1).atColumn(24);
    }

    @Test
    void folderScriptsAreCheckedLikeSingleScripts() {
        sql.script("db/migration/V1__a.sql", "CREATE TABLE a (id INT);", "END;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/SqlTransactionControl] db/migration/V1__a.sql:2: the"
                + " statement 'END'").inFile(info).onLine(1).atColumn(24);
    }

    @Test
    void twoScriptsOfOneVersionInAFolderAreDuplicates() {
        sql.script("db/migration/V1__a.sql", "CREATE TABLE a (id INT);");
        sql.script("db/migration/001_also_a.sql", "CREATE TABLE a2 (id INT);");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation).hadErrorContaining("[Cairn/DuplicateVersion] version 1 of SQL migration"
                + " db/migration/001_also_a.sql is also used by SQL migration db/migration/V1__a.sql")
                .inFile(info).onLine(1).atColumn(24);
    }

    @Test
    void scriptDeclaredByAFolderAndByItsOwnAnnotationIsAnErrorOnBoth() {
        sql.script("db/migration/V1__a.sql", "CREATE TABLE a (id INT);");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")"
                + " @SqlMigration(version = 2, script = \"db/migration/V1__a.sql\")");

        Compilation compilation = sql.compile(info);

        String message = "[Cairn/SqlDuplicateScript] the SQL script db/migration/V1__a.sql is declared 2 times"
                + " (versions 1, 2), so it would run more than once. Declare each script once: remove the"
                + " @SqlMigration of a script that a @SqlMigrationDirectory already reads, or the repeated folder"
                + " annotation.";
        assertThat(SqlSources.messages(compilation.errors())).containsExactly(message, message);
        assertThat(compilation).hadErrorContaining(message).inFile(info).onLine(1).atColumn(24);
        assertThat(compilation).hadErrorContaining(message).inFile(info).onLine(1).atColumn(76);
    }

    @Test
    void headerInAScriptOfSqlMigrationIsIgnoredWithAWarning() {
        sql.script("db/V2__b.sql", "-- depends-on: 1", "CREATE TABLE b (id INT);");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigration(version = 2, script = \"db/V2__b.sql\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).succeeded();
        assertThat(SqlSources.messages(compilation.warnings())).containsExactly("[Cairn/SqlHeader] db/V2__b.sql: its"
                + " '-- depends-on:' or '-- transactional:' header is ignored, because headers are read only for"
                + " scripts of a @SqlMigrationDirectory folder; for @SqlMigration, the dependsOn and transactional"
                + " attributes decide. Move the values into the annotation and remove the header.");
        assertThat(compilation).hadWarningContaining("[Cairn/SqlHeader]").inFile(info).onLine(1).atColumn(37);
    }

    // ---- -Acairn.verify=sqlite

    @Test
    void verificationReportsTheStatementSqliteRejectsWithItsScriptLine() {
        sql.script("db/migration/V1__users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);");
        sql.script("db/migration/V2__index.sql",
                "-- the column is called name",
                "CREATE INDEX users_by_email",
                "    ON users (email);");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compiler("-Acairn.verify=sqlite").compile(info);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/SqlVerifyFailed] db/migration/V2__index.sql:2: SQLite"
                + " rejected the statement: [SQLITE_ERROR] SQL error or missing database (no such column: email).")
                .inFile(info).onLine(1).atColumn(24);
    }

    @Test
    void verificationSkipsScriptsThatDependOnAJavaMigrationWithAWarning() {
        sql.script("db/V1__users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);");
        sql.script("db/V3__index.sql", "CREATE INDEX by_email ON users (email);");
        sql.script("db/V4__more.sql", "CREATE INDEX by_email_again ON users (email);");
        JavaFileObject info = SqlSources.packageInfo(String.join("",
                "@SqlMigration(version = 1, script = \"db/V1__users.sql\")",
                " @SqlMigration(version = 3, dependsOn = 2, script = \"db/V3__index.sql\")",
                " @SqlMigration(version = 4, dependsOn = 3, script = \"db/V4__more.sql\")"));
        JavaFileObject java = Sources.migration("AddEmail", "version = 2, dependsOn = 1");

        Compilation compilation = sql.compiler("-Acairn.verify=sqlite").compile(info, java);

        // Issue 12 §2: warnings, not notes, which mvn -q hides; the missing column is no error.
        assertThat(compilation).succeeded();
        assertThat(SqlSources.messages(compilation.warnings())).containsExactly(
                "[Cairn/SqlVerifySkipped] SQL migration db/V3__index.sql was not run against SQLite at compile time"
                        + " because it depends on Java migration 2 (com.example.AddEmail), which cannot run"
                        + " during compilation; only the syntax of its statements was checked. Its tables and"
                        + " columns are checked when it runs: test it against a database.",
                "[Cairn/SqlVerifySkipped] SQL migration db/V4__more.sql was not run against SQLite at compile time"
                        + " because it depends on 3 (V3__index.sql), which depends on Java migration 2"
                        + " (com.example.AddEmail), which cannot run during compilation; only the syntax of its"
                        + " statements was checked. Its tables and columns are checked when it runs: test it"
                        + " against a database.");
        assertThat(compilation).hadWarningContaining("db/V3__index.sql was not run").inFile(info).onLine(1)
                .atColumn(108);
        assertThat(compilation).hadWarningContaining("db/V4__more.sql was not run").inFile(info).onLine(1)
                .atColumn(179);
    }

    @Test
    void verificationParsesScriptsItCannotRunAndReportsASyntaxErrorAtTheStatementsLine() {
        sql.script("db/V1__users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);");
        sql.script("db/V3__index.sql",
                "CREATE INDEX by_email ON users (email);",
                "-- a typo the runtime would meet first",
                "CREAT INDEX by_id ON users (id);",
                "CREATE INDEX by_tag ON tags (name);");
        JavaFileObject info = SqlSources.packageInfo(String.join("",
                "@SqlMigration(version = 1, script = \"db/V1__users.sql\")",
                " @SqlMigration(version = 3, dependsOn = 2, script = \"db/V3__index.sql\")"));
        JavaFileObject java = Sources.migration("AddEmail", "version = 2, dependsOn = 1");

        Compilation compilation = sql.compiler("-Acairn.verify=sqlite").compile(info, java);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/SqlVerifySyntax] db/V3__index.sql:3: SQLite cannot parse"
                + " the statement: [SQLITE_ERROR] SQL error or missing database (near \"CREAT\": syntax error). The"
                + " script was not run at compile time because it depends on Java migration 2"
                + " (com.example.AddEmail), but a statement SQLite cannot parse fails at run time. Fix the statement.")
                .inFile(info).onLine(1).atColumn(108);
        assertThat(compilation).hadWarningContaining("[Cairn/SqlVerifySkipped] SQL migration db/V3__index.sql")
                .inFile(info).onLine(1).atColumn(108);
    }

    @Test
    void verificationWarnsAboutScriptsAfterAFailedOneAndStillParsesThem() {
        sql.script("db/migration/V1__users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);",
                "INSERT INTO missing (id) VALUES (1);");
        sql.script("db/migration/V2__index.sql", "CREATE INDEX by_id ON users (id);", "SELEC 1;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compiler("-Acairn.verify=sqlite").compile(info);

        assertThat(SqlSources.messages(compilation.errors())).hasSize(2);
        assertThat(compilation).hadErrorContaining("[Cairn/SqlVerifyFailed] db/migration/V1__users.sql:2: SQLite"
                + " rejected the statement").inFile(info).onLine(1).atColumn(24);
        assertThat(compilation).hadErrorContaining("[Cairn/SqlVerifySyntax] db/migration/V2__index.sql:2: SQLite"
                + " cannot parse the statement: [SQLITE_ERROR] SQL error or missing database (near \"SELEC\": syntax"
                + " error). The script was not run at compile time because it depends on 1 (V1__users.sql), which"
                + " failed").inFile(info).onLine(1).atColumn(24);
        assertThat(SqlSources.messages(compilation.warnings())).containsExactly("[Cairn/SqlVerifySkipped] SQL migration"
                + " db/migration/V2__index.sql was not run against SQLite at compile time because it depends on"
                + " 1 (V1__users.sql), which failed; only the syntax of its statements was checked. Fix that one"
                + " first.");
    }

    @Test
    void verificationPassesAValidChainIncludingATrigger() {
        sql.script("db/migration/V1__users.sql",
                "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, updated TEXT);",
                "INSERT INTO users (name) VALUES ('it''s me; really');");
        sql.script("db/migration/V2__touch.sql",
                "CREATE TRIGGER touch AFTER UPDATE ON users BEGIN",
                "    UPDATE users SET updated = CASE WHEN new.name IS NULL THEN 'x' ELSE 'y' END WHERE id = new.id;",
                "END;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compiler("-Acairn.verify=sqlite").compile(info);

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void unknownVerifyValueIsAnError() {
        sql.script("db/V1__a.sql", "CREATE TABLE a (id INT);");
        Compilation compilation = sql.compiler("-Acairn.verify=postgres")
                .compile(SqlSources.packageInfo("@SqlMigration(version = 1, script = \"db/V1__a.sql\")"));

        assertThat(SqlSources.messages(compilation.errors())).containsExactly("[Cairn/InvalidOption] the processor option"
                + " -Acairn.verify=postgres is not known. Use -Acairn.verify=sqlite to run the SQL migrations against"
                + " an in-memory SQLite database during compilation, or leave the option out.");
    }

    @Test
    void verificationWithoutTheSqliteDriverOnTheProcessorPathSaysHowToAddIt() throws Exception {
        sql.script("db/V1__a.sql", "CREATE TABLE a (id INT);");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigration(version = 1, script = \"db/V1__a.sql\")");
        List<URL> withoutSqlite = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("sqlite-jdbc")) {
                withoutSqlite.add(new File(entry).toURI().toURL());
            }
        }
        try (URLClassLoader processorPath = new URLClassLoader(withoutSqlite.toArray(new URL[0]),
                ClassLoader.getPlatformClassLoader())) {
            Processor processor = (Processor) processorPath.loadClass(MigrationProcessor.class.getName())
                    .getDeclaredConstructor().newInstance();

            Compilation compilation = javac().withProcessors(processor)
                    .withOptions("-Acairn.resourceDirs=" + sql.root(), "-Acairn.verify=sqlite").compile(info);

            assertThat(compilation).hadErrorCount(1);
            assertThat(compilation).hadErrorContaining("[Cairn/SqlVerifyUnavailable] -Acairn.verify=sqlite needs the"
                    + " SQLite JDBC driver (org.sqlite.JDBC, artifact org.xerial:sqlite-jdbc) on the annotation"
                    + " processor path, but it could not be loaded: java.lang.ClassNotFoundException: org.sqlite.JDBC.")
                    .inFile(info).onLine(1).atColumn(37);
        }
    }

    @Test
    void verificationRunsOnlyWhenTheGraphIsClean() {
        sql.script("db/V1__a.sql", "CREATE TABLE a (id INT);", "SELECT * FROM missing_table;");
        Compilation compilation = sql.compiler("-Acairn.verify=sqlite").compile(
                SqlSources.packageInfo("@SqlMigration(version = 1, dependsOn = 5, script = \"db/V1__a.sql\")"));

        assertThat(SqlSources.messages(compilation.errors())).hasSize(1);
        assertThat(compilation).hadErrorContaining("[Cairn/UnknownDependency]");
    }

    // ---- where scripts are found

    @Test
    void scriptsAreFoundOnTheClassPathWithoutTheOption() {
        sql.script("db/single/V1__a.sql", "CREATE TABLE a (id INT);");
        sql.script("db/single/V2__b.sql", "CREATE TABLE b (id INT);");

        Compilation compilation = javac().withProcessors(new MigrationProcessor())
                .withClasspath(classPathWith(sql.root().toFile()))
                .compile(SqlSources.packageInfo("@SqlMigration(version = 1, script = \"db/single/V1__a.sql\")"
                        + " @SqlMigration(version = 2, dependsOn = 1, script = \"db/single/V2__b.sql\")"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("com.example.MigrationRegistry");
    }

    @Test
    void folderOnlyOnTheClassPathCannotBeListedAndTheMessageSaysWhatToDo() {
        sql.script("db/migration/V1__a.sql", "CREATE TABLE a (id INT);");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = javac().withProcessors(new MigrationProcessor())
                .withClasspath(classPathWith(sql.root().toFile())).compile(info);

        assertThat(SqlSources.messages(compilation.errors())).containsExactly("[Cairn/SqlDirectoryNotListable] the SQL"
                + " migration folder db/migration was found in the class path, but the compiler offers no way to"
                + " list the files there. Declare each script with @SqlMigration, or pass the folder's parent"
                + " directory with -Acairn.resourceDirs=src/main/resources.");
        assertThat(compilation).hadErrorContaining("db/migration").inFile(info).onLine(1).atColumn(24);
    }

    @Test
    void missingRuntimeSqlSupportIsReported() throws Exception {
        // A compile class path without cairn-runtime at all: @SqlMigration alone needs SqlScriptMigration.
        sql.script("db/V1__a.sql", "CREATE TABLE a (id INT);");
        List<File> annotationsOnly = new ArrayList<>();
        annotationsOnly.add(new File(dev.cairn.SqlMigration.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()));
        JavaFileObject info = SqlSources.packageInfo("@SqlMigration(version = 1, script = \"db/V1__a.sql\")");

        Compilation compilation = sql.compiler().withClasspath(annotationsOnly).compile(info);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/MissingRuntime] dev.cairn.runtime.generated.GeneratedMigrations"
                + " is not on the compile classpath").inFile(info).onLine(1).atColumn(1);
    }

    private static List<File> classPathWith(File extra) {
        List<File> path = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            path.add(new File(entry));
        }
        path.add(extra);
        return path;
    }
}
