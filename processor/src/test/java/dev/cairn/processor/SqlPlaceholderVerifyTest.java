package dev.cairn.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -Acairn.verify=sqlite} on scripts with Flyway placeholders (issue 20): values given at
 * compile time with {@code -Acairn.placeholders} are replaced as the run will replace them; a
 * script whose placeholder has none is skipped with a warning, not reported as broken SQL.
 */
class SqlPlaceholderVerifyTest {

    @TempDir
    Path temporary;

    private SqlSources sql;

    @BeforeEach
    void resources() throws Exception {
        sql = new SqlSources(Files.createDirectories(temporary.resolve("resources")));
        sql.script("db/migration/V1__orders.sql", "CREATE TABLE ${table_prefix}orders (id INT, made_in TEXT);");
        sql.script("db/migration/V2__first_order.sql",
                "INSERT INTO ${table_prefix}orders (id, made_in) VALUES (1, '${flyway:defaultSchema}');");
    }

    @Test
    void compileTimeValuesAreReplacedAndTheScriptsRun() {
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compiler("-Acairn.verify=sqlite", "-Acairn.placeholders=table_prefix=shop_")
                .compile(info);

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void aBrokenStatementIsFoundAfterReplacement() {
        sql.script("db/migration/V3__typo.sql", "INSERT INTO ${table_prefix}order (id) VALUES (2);");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compiler("-Acairn.verify=sqlite", "-Acairn.placeholders=table_prefix=shop_")
                .compile(info);

        assertThat(compilation).hadErrorContaining("[Cairn/SqlVerifyFailed] db/migration/V3__typo.sql:1: SQLite "
                + "rejected the statement: [SQLITE_ERROR] SQL error or missing database (no such table: shop_order)")
                .inFile(info).onLine(1);
    }

    @Test
    void aPlaceholderWithoutACompileTimeValueSkipsItsScriptWithAWarning() {
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compiler("-Acairn.verify=sqlite").compile(info);

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningContaining("[Cairn/SqlVerifySkipped] SQL migration db/migration/V1__orders.sql "
                + "was not run against SQLite at compile time because its placeholder(s) ${table_prefix} have no value "
                + "here; nor was its syntax checked. Give them values for verification with "
                + "-Acairn.placeholders=table_prefix=...").inFile(info).onLine(1);
        assertThat(compilation).hadWarningCount(2);
    }
}
