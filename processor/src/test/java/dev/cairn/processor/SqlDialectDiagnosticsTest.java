package dev.cairn.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A script's dialect ({@code -- dialect: mysql}) at compile time: a script without one that MySQL
 * would split differently, an unknown dialect, and a MySQL script's own mistakes are errors on the
 * annotation that declares the script, split by the runtime's own splitter.
 */
class SqlDialectDiagnosticsTest {

    @TempDir
    Path temporary;

    private SqlSources sql;

    @BeforeEach
    void resources() throws Exception {
        sql = new SqlSources(Files.createDirectories(temporary.resolve("resources")));
    }

    @Test
    void mysqlScriptWithDelimiterBlocksCompiles() {
        sql.script("db/V1__routines.sql",
                "-- dialect: mysql",
                "# the mysql client's comments",
                "CREATE TABLE `items` (id INT, note VARCHAR(20));",
                "INSERT INTO `items` VALUES (1, 'it\\'s; one');",
                "DELIMITER //",
                "CREATE PROCEDURE add_item(IN n INT)",
                "BEGIN",
                "    INSERT INTO `items` VALUES (n, 'added');",
                "END //",
                "DELIMITER ;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigration(version = 1, script = \"db/V1__routines.sql\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void delimiterInAScriptWithoutDialectIsAnErrorNamingTheHeader() {
        sql.script("db/V1__proc.sql",
                "CREATE TABLE items (id INT);",
                "DELIMITER //",
                "CREATE PROCEDURE p() BEGIN SELECT 1; END //",
                "DELIMITER ;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigration(version = 1, script = \"db/V1__proc.sql\")");

        Compilation compilation = sql.compile(info);

        assertThat(SqlSources.messages(compilation.errors())).containsExactly("[Cairn/SqlDialect] db/V1__proc.sql:2: the script"
                + " declares no dialect, and it has a DELIMITER command, which only the mysql client reads. Name the"
                + " script's dialect in its first lines: '-- dialect: mysql' for MySQL and MariaDB, or '-- dialect:"
                + " standard' for PostgreSQL, SQLite and H2.");
        assertThat(compilation).hadErrorContaining("[Cairn/SqlDialect]").inFile(info).onLine(1).atColumn(37);
    }

    @Test
    void backslashBeforeAQuoteInAScriptWithoutDialectIsAnErrorAtItsLine() {
        sql.script("db/migration/V1__notes.sql",
                "CREATE TABLE notes (body VARCHAR(50));",
                "",
                "INSERT INTO notes VALUES ('it\\'s; ambiguous');");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/SqlDialect] db/migration/V1__notes.sql:3: the script"
                + " declares no dialect, and it has a backslash before ' inside string literal '...: MySQL and MariaDB"
                + " read it as an escaped quote").inFile(info).onLine(1);
    }

    @Test
    void hashCommentLineInAScriptWithoutDialectIsAnError() {
        sql.script("db/V1__hash.sql", "CREATE TABLE a (id INT);", "# a MySQL comment", "CREATE TABLE b (id INT);");
        JavaFileObject info = SqlSources.holder("@SqlMigration(version = 1, script = \"db/V1__hash.sql\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/SqlDialect] db/V1__hash.sql:2: the script declares no"
                + " dialect, and it has a line starting with '#', a comment only in MySQL and MariaDB.")
                .inFile(info).onLine(3);
    }

    @Test
    void unknownDialectIsAnErrorAtItsHeaderLine() {
        sql.script("db/migration/V1__a.sql", "-- Creates a.", "-- dialect: oracle", "CREATE TABLE a (id INT);");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(SqlSources.messages(compilation.errors())).containsExactly("[Cairn/SqlDialect] db/migration/V1__a.sql:2:"
                + " '-- dialect:' names 'oracle', which Cairn does not know. Write '-- dialect: mysql' (MySQL and"
                + " MariaDB: DELIMITER, # comments, backslash escapes) or '-- dialect: standard' (PostgreSQL, SQLite,"
                + " H2: a backslash is a plain character).");
        assertThat(compilation).hadErrorContaining("[Cairn/SqlDialect]").inFile(info).onLine(1);
    }

    @Test
    void mysqlProcedureWithoutDelimiterIsASyntaxErrorNamingTheFix() {
        sql.script("db/V1__proc.sql",
                "-- dialect: mysql",
                "CREATE PROCEDURE p()",
                "BEGIN",
                "    SELECT 1;",
                "END;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigration(version = 1, script = \"db/V1__proc.sql\")");

        Compilation compilation = sql.compile(info);

        assertThat(SqlSources.messages(compilation.errors())).containsExactly("[Cairn/SqlSyntax] db/V1__proc.sql:2: the"
                + " statement 'CREATE PROCEDURE p()' that starts here has a BEGIN ... END body, and the mysql client"
                + " ends it at the first ';' inside the body (line 4). Put 'DELIMITER //' on the line before it, end it"
                + " with //, and put 'DELIMITER ;' after it.");
        assertThat(compilation).hadErrorContaining("[Cairn/SqlSyntax]").inFile(info).onLine(1).atColumn(37);
    }

    @Test
    void mysqlScriptIsNotRunAgainstSqliteWhenVerifying() {
        sql.script("db/migration/V1__a.sql", "-- dialect: mysql", "CREATE TABLE `a` (id INT) ENGINE = InnoDB;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compiler("-Acairn.verify=sqlite").compile(info);

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningContaining("[Cairn/SqlVerifySkipped] SQL migration db/migration/V1__a.sql"
                + " was not run against SQLite at compile time because it declares '-- dialect: mysql'")
                .inFile(info).onLine(1);
    }
}
