package dev.cairn.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes, as Java source, N equivalent migrations (each creates table {@code t_i} and inserts one
 * row) plus a {@code main} that brings a database up to date, for one contender.
 *
 * <p>Every contender runs exactly the same JDBC statements per migration, on a plain
 * {@link java.sql.Statement}, so that the figures compare the tools and not helper methods:
 *
 * <ul>
 *   <li>Cairn: {@code @Migration(version = i, dependsOn = i - 1) M_i implements JavaMigration} in
 *       package {@code bench.cairn}; the processor generates {@code bench.cairn.MigrationRegistry}.
 *   <li>Flyway: {@code V{i}__M_i extends BaseJavaMigration} in {@code db.migration}, found by
 *       Flyway's default classpath scanning, as its users configure it.
 *   <li>Raw JDBC (the floor): classes {@code R_i} with a static {@code up(Connection)}, a switch
 *       that dispatches by version, one transaction per migration including a one-row insert into
 *       a history table, and a startup check that is one query on that table. Given a third
 *       argument {@code one-transaction}, it commits once at the end instead (see
 *       {@link Contender#RAW_ONE_TX}).
 * </ul>
 *
 * <p>Each generated {@code main} takes a JDBC URL and a user name (empty for SQLite), records
 * {@link System#nanoTime()} on its first line, and prints {@code in-process-ns=<delta>} once the
 * database is up to date.
 *
 * <pre>{@code
 * new WorkloadGenerator(1000).write(Contender.CAIRN, Path.of("target/gen/cairn-1000/src"));
 * }</pre>
 */
public final class WorkloadGenerator {

    /** Cases per dispatch method in the raw floor, far below the 64 KB method limit. */
    private static final int CASES_PER_METHOD = 500;

    private final int count;

    /** A workload of {@code count} migrations, versions 1 to {@code count}. */
    public WorkloadGenerator(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("A workload needs at least one migration, got " + count);
        }
        this.count = count;
    }

    /** Writes the contender's sources under {@code sourceRoot}, replacing nothing else there. */
    public void write(Contender contender, Path sourceRoot) {
        write(contender, sourceRoot, sourceRoot.resolveSibling("resources"));
    }

    /**
     * Writes the contender's sources under {@code sourceRoot} and, for the SQL-script workloads,
     * its scripts under {@code resourceRoot} (to be packaged at the root of the jar).
     */
    public void write(Contender contender, Path sourceRoot, Path resourceRoot) {
        switch (contender) {
            case CAIRN -> writeCairn(sourceRoot);
            case FLYWAY -> writeFlyway(sourceRoot);
            case RAW -> writeRaw(sourceRoot);
            case CAIRN_SQL -> writeCairnScripts(sourceRoot, resourceRoot);
            case FLYWAY_SQL -> writeFlywayScripts(sourceRoot, resourceRoot);
            case RAW_SQL -> writeRawScripts(sourceRoot, resourceRoot);
            default -> throw new IllegalArgumentException(contender + " shares the workload of " + contender.workload());
        }
    }

    /** The resource name of script {@code version}, the same in every script workload. */
    static String scriptName(int version) {
        return "db/migration/V" + version + "__m_" + version + ".sql";
    }

    /** The two statements of {@link #migrationBody}, as a script. */
    static String scriptText(int version) {
        return "CREATE TABLE t_" + version + " (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL);\n"
                + "INSERT INTO t_" + version + " (id, name) VALUES (1, 'row of migration " + version + "');\n";
    }

    private void writeScripts(Path resourceRoot) {
        for (int version = 1; version <= count; version++) {
            writeFile(resourceRoot.resolve(scriptName(version)), scriptText(version));
        }
    }

    private void writeCairnScripts(Path sourceRoot, Path resourceRoot) {
        writeScripts(resourceRoot);
        // A plain numbered folder is one chain: each script depends on the previous one.
        writeFile(sourceRoot.resolve("bench/cairnsql/package-info.java"),
                "@dev.cairn.SqlMigrationDirectory(\"db/migration\")\npackage bench.cairnsql;\n");
        writeFile(sourceRoot.resolve("bench/cairnsql/CairnMain.java"), "package bench.cairnsql;\n\n"
                + "public final class CairnMain {\n"
                + mainMethod()
                + "    public static void migrate(String[] args) throws Exception {\n"
                + "        javax.sql.DataSource dataSource = " + dataSourceExpression() + ";\n"
                + "        dev.cairn.runtime.Registry registry = MigrationRegistry.INSTANCE;\n"
                + "        if (args.length > 2 && args[2].equals(\"no-stale-check\")) {\n"
                + "            registry = withoutStaleCheck(registry);\n"
                + "        }\n"
                + "        dev.cairn.runtime.Migrator.builder(registry).dataSource(dataSource).build().migrate();\n"
                + "    }\n\n"
                + "    /** The same registry without CompiledScripts: the runtime skips the stale-registry check. */\n"
                + "    private static dev.cairn.runtime.Registry withoutStaleCheck(dev.cairn.runtime.Registry registry) {\n"
                + "        return new dev.cairn.runtime.Registry() {\n"
                + "            @Override\n"
                + "            public java.util.List<dev.cairn.runtime.MigrationDescriptor> migrations() {\n"
                + "                return registry.migrations();\n"
                + "            }\n\n"
                + "            @Override\n"
                + "            public java.util.List<dev.cairn.runtime.MigrationDescriptor> repeatables() {\n"
                + "                return registry.repeatables();\n"
                + "            }\n\n"
                + "            @Override\n"
                + "            public java.util.Optional<String> fingerprint() {\n"
                + "                return registry.fingerprint();\n"
                + "            }\n"
                + "        };\n"
                + "    }\n"
                + dataSourceMethods()
                + "}\n");
    }

    private void writeFlywayScripts(Path sourceRoot, Path resourceRoot) {
        writeScripts(resourceRoot);
        writeFile(sourceRoot.resolve("bench/flywaysql/FlywayMain.java"), "package bench.flywaysql;\n\n"
                + "public final class FlywayMain {\n"
                + mainMethod()
                + "    public static void migrate(String[] args) throws Exception {\n"
                + "        javax.sql.DataSource dataSource = " + dataSourceExpression() + ";\n"
                + "        org.flywaydb.core.Flyway.configure().dataSource(dataSource).load().migrate();\n"
                + "    }\n"
                + dataSourceMethods()
                + "}\n");
    }

    /**
     * The floor for scripts: the names are known in advance (a generated array, no listing), each
     * script is read as a class-path resource, split at {@code ;} (the workload's scripts hold no
     * other semicolons) and run with its history row in one transaction.
     */
    private void writeRawScripts(Path sourceRoot, Path resourceRoot) {
        writeScripts(resourceRoot);
        Path dir = sourceRoot.resolve("bench/rawsql");
        StringBuilder names = new StringBuilder("package bench.rawsql;\n\n"
                + "/** The scripts, by version: index i holds version i + 1. Loaded only when applying. */\n"
                + "final class RawScripts {\n"
                + "    static final String[] NAMES = {\n");
        for (int version = 1; version <= count; version++) {
            names.append("        \"").append(scriptName(version)).append("\",\n");
        }
        writeFile(dir.resolve("RawScripts.java"), names.append("    };\n\n"
                + "    static void apply(java.sql.Connection connection, long from, long to) throws Exception {\n"
                + "        connection.setAutoCommit(false);\n"
                + "        try (java.sql.PreparedStatement history = connection.prepareStatement(\n"
                + "                \"INSERT INTO raw_history (version, description, installed_at) VALUES (?, ?, ?)\")) {\n"
                + "            for (long version = from; version <= to; version++) {\n"
                + "                String name = NAMES[(int) version - 1];\n"
                + "                String script;\n"
                + "                try (java.io.InputStream in = RawScripts.class.getResourceAsStream(\"/\" + name)) {\n"
                + "                    script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);\n"
                + "                }\n"
                + "                try (java.sql.Statement statement = connection.createStatement()) {\n"
                + "                    for (String sql : script.split(\";\")) {\n"
                + "                        if (!sql.isBlank()) {\n"
                + "                            statement.execute(sql);\n"
                + "                        }\n"
                + "                    }\n"
                + "                }\n"
                + "                history.setLong(1, version);\n"
                + "                history.setString(2, name);\n"
                + "                history.setLong(3, System.currentTimeMillis());\n"
                + "                history.executeUpdate();\n"
                + "                connection.commit();\n"
                + "            }\n"
                + "        } catch (Exception failure) {\n"
                + "            connection.rollback();\n"
                + "            throw failure;\n"
                + "        }\n"
                + "        connection.setAutoCommit(true);\n"
                + "    }\n"
                + "}\n").toString());
        writeFile(dir.resolve("RawMain.java"), "package bench.rawsql;\n\n"
                + "/** Up to date check: one query. Applying lives in RawScripts, loaded only when needed. */\n"
                + "public final class RawMain {\n"
                + "    static final long LATEST = " + count + ";\n\n"
                + mainMethod()
                + "    public static void migrate(String[] args) throws Exception {\n"
                + "        javax.sql.DataSource dataSource = " + dataSourceExpression() + ";\n"
                + "        try (java.sql.Connection connection = dataSource.getConnection()) {\n"
                + "            long applied = appliedVersion(connection);\n"
                + "            if (applied < LATEST) {\n"
                + "                RawScripts.apply(connection, applied + 1, LATEST);\n"
                + "            }\n"
                + "        }\n"
                + "    }\n\n"
                + appliedVersionMethod()
                + dataSourceMethods()
                + "}\n");
    }

    /** Writes only Cairn's migration classes (no main): the input of the compile-time benchmark. */
    public void writeCairnMigrationsOnly(Path sourceRoot) {
        Path dir = sourceRoot.resolve("bench/cairn");
        for (int version = 1; version <= count; version++) {
            writeFile(dir.resolve("M_" + version + ".java"), cairnMigration(version));
        }
    }

    /** The statements every contender runs for migration {@code version}, as a Java block. */
    static String migrationBody(String connectionExpression, int version) {
        return "        try (java.sql.Statement statement = " + connectionExpression + ".createStatement()) {\n"
                + "            statement.execute(\"CREATE TABLE t_" + version
                + " (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL)\");\n"
                + "            statement.executeUpdate(\"INSERT INTO t_" + version
                + " (id, name) VALUES (1, 'row of migration " + version + "')\");\n"
                + "        }\n";
    }

    private void writeCairn(Path sourceRoot) {
        writeCairnMigrationsOnly(sourceRoot);
        writeFile(sourceRoot.resolve("bench/cairn/CairnMain.java"), "package bench.cairn;\n\n"
                + "public final class CairnMain {\n"
                + mainMethod()
                + "    public static void migrate(String[] args) throws Exception {\n"
                + "        javax.sql.DataSource dataSource = " + dataSourceExpression() + ";\n"
                + "        dev.cairn.runtime.Migrator.builder(MigrationRegistry.INSTANCE)"
                + ".dataSource(dataSource).build().migrate();\n"
                + "    }\n"
                + dataSourceMethods()
                + "}\n");
    }

    private String cairnMigration(int version) {
        String dependsOn = version == 1 ? "" : ", dependsOn = " + (version - 1);
        return "package bench.cairn;\n\n"
                + "@dev.cairn.Migration(version = " + version + dependsOn + ")\n"
                + "public final class M_" + version + " implements dev.cairn.runtime.JavaMigration {\n"
                + "    @Override\n"
                + "    public void up(dev.cairn.runtime.MigrationContext context) throws Exception {\n"
                + migrationBody("context.connection()", version)
                + "    }\n"
                + "}\n";
    }

    private void writeFlyway(Path sourceRoot) {
        Path dir = sourceRoot.resolve("db/migration");
        for (int version = 1; version <= count; version++) {
            writeFile(dir.resolve("V" + version + "__M_" + version + ".java"), "package db.migration;\n\n"
                    + "public class V" + version + "__M_" + version
                    + " extends org.flywaydb.core.api.migration.BaseJavaMigration {\n"
                    + "    @Override\n"
                    + "    public void migrate(org.flywaydb.core.api.migration.Context context) throws Exception {\n"
                    + migrationBody("context.getConnection()", version)
                    + "    }\n"
                    + "}\n");
        }
        writeFile(sourceRoot.resolve("bench/flyway/FlywayMain.java"), "package bench.flyway;\n\n"
                + "public final class FlywayMain {\n"
                + mainMethod()
                + "    public static void migrate(String[] args) throws Exception {\n"
                + "        javax.sql.DataSource dataSource = " + dataSourceExpression() + ";\n"
                + "        org.flywaydb.core.Flyway.configure().dataSource(dataSource).load().migrate();\n"
                + "    }\n"
                + dataSourceMethods()
                + "}\n");
    }

    private void writeRaw(Path sourceRoot) {
        Path dir = sourceRoot.resolve("bench/raw");
        for (int version = 1; version <= count; version++) {
            writeFile(dir.resolve("R_" + version + ".java"), "package bench.raw;\n\n"
                    + "final class R_" + version + " {\n"
                    + "    static void up(java.sql.Connection connection) throws java.sql.SQLException {\n"
                    + migrationBody("connection", version)
                    + "    }\n"
                    + "}\n");
        }
        writeFile(dir.resolve("RawMigrations.java"), rawMigrations());
        writeFile(dir.resolve("RawMain.java"), "package bench.raw;\n\n"
                + "/** Up to date check: one query. Applying lives in RawMigrations, loaded only when needed. */\n"
                + "public final class RawMain {\n"
                + "    static final long LATEST = " + count + ";\n\n"
                + mainMethod()
                + "    public static void migrate(String[] args) throws Exception {\n"
                + "        javax.sql.DataSource dataSource = " + dataSourceExpression() + ";\n"
                + "        try (java.sql.Connection connection = dataSource.getConnection()) {\n"
                + "            long applied = appliedVersion(connection);\n"
                + "            if (applied < LATEST) {\n"
                + "                boolean oneTransaction = args.length > 2 && args[2].equals(\"one-transaction\");\n"
                + "                RawMigrations.apply(connection, applied + 1, LATEST, oneTransaction);\n"
                + "            }\n"
                + "        }\n"
                + "    }\n\n"
                + appliedVersionMethod()
                + dataSourceMethods()
                + "}\n");
    }

    /** The floors' up-to-date check: one query; the history table created on the first run. */
    private static String appliedVersionMethod() {
        return "    private static long appliedVersion(java.sql.Connection connection) throws java.sql.SQLException {\n"
                + "        try (java.sql.Statement statement = connection.createStatement();\n"
                + "                java.sql.ResultSet result = statement.executeQuery(\"SELECT MAX(version) FROM raw_history\")) {\n"
                + "            result.next();\n"
                + "            return result.getLong(1);\n"
                + "        } catch (java.sql.SQLException missingTable) {\n"
                + "            try (java.sql.Statement statement = connection.createStatement()) {\n"
                + "                statement.execute(\"CREATE TABLE raw_history (version BIGINT PRIMARY KEY,"
                + " description VARCHAR(200) NOT NULL, installed_at BIGINT NOT NULL)\");\n"
                + "            }\n"
                + "            return 0;\n"
                + "        }\n"
                + "    }\n";
    }

    private String rawMigrations() {
        StringBuilder source = new StringBuilder("package bench.raw;\n\n"
                + "final class RawMigrations {\n"
                + "    static void apply(java.sql.Connection connection, long from, long to, boolean oneTransaction)\n"
                + "            throws java.sql.SQLException {\n"
                + "        connection.setAutoCommit(false);\n"
                + "        try (java.sql.PreparedStatement history = connection.prepareStatement(\n"
                + "                \"INSERT INTO raw_history (version, description, installed_at) VALUES (?, ?, ?)\")) {\n"
                + "            for (long version = from; version <= to; version++) {\n"
                + "                dispatch(connection, (int) version);\n"
                + "                history.setLong(1, version);\n"
                + "                history.setString(2, \"M \" + version);\n"
                + "                history.setLong(3, System.currentTimeMillis());\n"
                + "                history.executeUpdate();\n"
                + "                if (!oneTransaction) {\n"
                + "                    connection.commit();\n"
                + "                }\n"
                + "            }\n"
                + "            connection.commit();\n"
                + "        } catch (java.sql.SQLException | RuntimeException failure) {\n"
                + "            connection.rollback();\n"
                + "            throw failure;\n"
                + "        }\n"
                + "        connection.setAutoCommit(true);\n"
                + "    }\n\n"
                + "    private static void dispatch(java.sql.Connection connection, int version) throws java.sql.SQLException {\n"
                + "        switch ((version - 1) / " + CASES_PER_METHOD + ") {\n");
        int chunks = (count + CASES_PER_METHOD - 1) / CASES_PER_METHOD;
        for (int chunk = 0; chunk < chunks; chunk++) {
            source.append("            case ").append(chunk).append(": dispatch").append(chunk)
                    .append("(connection, version); return;\n");
        }
        source.append("            default: throw new IllegalArgumentException(\"no migration \" + version);\n"
                + "        }\n"
                + "    }\n");
        for (int chunk = 0; chunk < chunks; chunk++) {
            source.append("\n    private static void dispatch").append(chunk)
                    .append("(java.sql.Connection connection, int version) throws java.sql.SQLException {\n")
                    .append("        switch (version) {\n");
            int first = chunk * CASES_PER_METHOD + 1;
            int last = Math.min(count, first + CASES_PER_METHOD - 1);
            for (int version = first; version <= last; version++) {
                source.append("            case ").append(version).append(": R_").append(version)
                        .append(".up(connection); return;\n");
            }
            source.append("            default: throw new IllegalArgumentException(\"no migration \" + version);\n"
                    + "        }\n"
                    + "    }\n");
        }
        return source.append("}\n").toString();
    }

    /**
     * The same {@code main} for every contender. The work is in {@code migrate(String[])} so that
     * the JMH benchmark can call it in a warm JVM without the printing.
     */
    private static String mainMethod() {
        return "    public static void main(String[] args) throws Exception {\n"
                + "        long start = System.nanoTime();\n"
                + "        migrate(args);\n"
                + "        System.out.println(\"in-process-ns=\" + (System.nanoTime() - start));\n"
                + "    }\n\n";
    }

    /** Same data source for every contender: sqlite-jdbc's, pgjdbc's or MariaDB Connector/J's, no pool. */
    private static String dataSourceExpression() {
        return "args[0].startsWith(\"jdbc:sqlite:\") ? sqlite(args[0]) : args[0].startsWith(\"jdbc:mariadb:\") "
                + "? mariadb(args[0], args[1]) : postgres(args[0], args[1])";
    }

    private static String dataSourceMethods() {
        return "\n    private static javax.sql.DataSource sqlite(String url) {\n"
                + "        org.sqlite.SQLiteDataSource dataSource = new org.sqlite.SQLiteDataSource();\n"
                + "        dataSource.setUrl(url);\n"
                + "        return dataSource;\n"
                + "    }\n\n"
                + "    private static javax.sql.DataSource mariadb(String url, String user) throws java.sql.SQLException {\n"
                + "        org.mariadb.jdbc.MariaDbDataSource dataSource = new org.mariadb.jdbc.MariaDbDataSource(url);\n"
                + "        dataSource.setUser(user);\n"
                + "        return dataSource;\n"
                + "    }\n\n"
                + "    private static javax.sql.DataSource postgres(String url, String user) {\n"
                + "        org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();\n"
                + "        dataSource.setURL(url);\n"
                + "        dataSource.setUser(user);\n"
                + "        return dataSource;\n"
                + "    }\n";
    }

    private static void writeFile(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write generated source " + file, e);
        }
    }
}
