package dev.cairn.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statements a database refuses inside a transaction, in scripts Cairn would run in one: a compile
 * error that names the setting to change (issue 20: CREATE INDEX CONCURRENTLY compiled without a
 * word and failed at run time with "cannot run inside a transaction block").
 */
class SqlOutsideTransactionTest {

    @TempDir
    Path temporary;

    private SqlSources sql;

    @BeforeEach
    void resources() throws Exception {
        sql = new SqlSources(Files.createDirectories(temporary.resolve("resources")));
    }

    @Test
    void aFolderScriptNamesTheHeaderToAdd() {
        sql.script("db/migration/V1__orders.sql", "CREATE TABLE orders (id INT, customer_id INT);");
        sql.script("db/migration/V2__index_orders.sql",
                "-- an index built without blocking writes",
                "CREATE UNIQUE INDEX CONCURRENTLY orders_by_customer",
                "    ON orders (customer_id, id);");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/SqlNotInTransaction] db/migration/V2__index_orders.sql:2:"
                + " PostgreSQL cannot run 'CREATE UNIQUE INDEX CONCURRENTLY orders_by_customer ...' inside a transaction,"
                + " and Cairn runs this script in one, together with its history row. Add the header"
                + " '-- transactional: false' at the top of the script: it then runs outside a transaction, statement"
                + " by statement").inFile(info).onLine(1);
    }

    @Test
    void withTheHeaderTheScriptCompiles() {
        sql.script("db/migration/V1__orders.sql", "CREATE TABLE orders (id INT, customer_id INT);");
        sql.script("db/migration/V2__index_orders.sql",
                "-- transactional: false",
                "CREATE INDEX CONCURRENTLY orders_by_customer ON orders (customer_id);");

        assertThat(sql.compile(SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")"))).succeeded();
    }

    @Test
    void anAnnotatedScriptNamesTheAttributeAndEveryStatementIsReported() {
        sql.script("db/V1__maintenance.sql",
                "CREATE TABLE t (id INT);",
                "VACUUM;",
                "DROP INDEX CONCURRENTLY IF EXISTS old_index;",
                "REINDEX TABLE CONCURRENTLY t;",
                "ALTER SYSTEM SET work_mem = '64MB';",
                "CREATE DATABASE reports;",
                "ALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY;",
                "PRAGMA journal_mode = WAL;",
                "CREATE INDEX plain ON t (id);",
                "REINDEX TABLE t;");
        JavaFileObject info = SqlSources.packageInfo("@SqlMigration(version = 1, script = \"db/V1__maintenance.sql\")");

        Compilation compilation = sql.compile(info);

        assertThat(compilation.errors().stream().map(d -> d.getMessage(null).replaceAll("' inside.*", ""))
                .collect(Collectors.toList())).containsExactly(
                "[Cairn/SqlNotInTransaction] db/V1__maintenance.sql:2: PostgreSQL and SQLite cannot run 'VACUUM",
                "[Cairn/SqlNotInTransaction] db/V1__maintenance.sql:3: PostgreSQL cannot run 'DROP INDEX CONCURRENTLY IF EXISTS old_index",
                "[Cairn/SqlNotInTransaction] db/V1__maintenance.sql:4: PostgreSQL cannot run 'REINDEX TABLE CONCURRENTLY t",
                "[Cairn/SqlNotInTransaction] db/V1__maintenance.sql:5: PostgreSQL cannot run 'ALTER SYSTEM SET work_mem = '64MB'",
                "[Cairn/SqlNotInTransaction] db/V1__maintenance.sql:6: PostgreSQL cannot run 'CREATE DATABASE reports",
                "[Cairn/SqlNotInTransaction] db/V1__maintenance.sql:7: PostgreSQL cannot run 'ALTER TABLE measurements DETACH PARTITION measurements_20...",
                "[Cairn/SqlNotInTransaction] db/V1__maintenance.sql:8: SQLite cannot run 'PRAGMA journal_mode = WAL")
                .inOrder();
        assertThat(compilation).hadErrorContaining("Declare it with transactional = false in its @SqlMigration")
                .inFile(info).onLine(1);
    }

    @Test
    void anAnnotatedNonTransactionalScriptCompiles() {
        sql.script("db/V1__vacuum.sql", "VACUUM;");

        assertThat(sql.compile(SqlSources.packageInfo(
                "@SqlMigration(version = 1, script = \"db/V1__vacuum.sql\", transactional = false)"))).succeeded();
    }

    @Test
    void anUndoScriptIsCheckedToo() {
        sql.script("db/migration/V1__orders.sql", "CREATE TABLE orders (id INT);");
        sql.script("db/migration/U1__orders.sql", "DROP TABLE orders;", "VACUUM;");

        Compilation compilation = sql.compile(SqlSources.packageInfo("@SqlMigrationDirectory(\"db/migration\")"));

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/SqlNotInTransaction] db/migration/U1__orders.sql:2:");
    }
}
