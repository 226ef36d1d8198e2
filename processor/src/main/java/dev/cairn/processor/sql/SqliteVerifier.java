package dev.cairn.processor.sql;

import dev.cairn.processor.diagnostic.Code;
import dev.cairn.processor.diagnostic.DiagnosticReport;
import dev.cairn.processor.model.MigrationModel;
import dev.cairn.processor.model.Version;
import dev.cairn.runtime.internal.sql.Placeholders;
import dev.cairn.runtime.internal.sql.ScriptDialect;
import dev.cairn.runtime.internal.sql.SqlScript;
import dev.cairn.runtime.SqlStatement;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * {@code -Acairn.verify=sqlite}: runs the SQL migrations during compilation, in the registry's
 * order, against a fresh in-memory SQLite database, each in a transaction (unless it is
 * non-transactional), and turns a statement SQLite rejects into a compile error with SQLite's
 * message and the statement's {@code <script>:<line>}.
 *
 * <p>Java migrations cannot run at compile time, so a script that depends on one, directly or
 * through other scripts, is not run: a warning names it and that Java migration, and each of its
 * statements is still parsed ({@link #parse}), so that a syntax error ({@code CREAT INDEX}) is a
 * compile error instead of a failure at run time. Scripts after a failed one in its dependency
 * chain, whose errors would only echo the first, are not run either, with a warning naming the
 * failed one. Everything else is run.
 *
 * <pre>{@code
 * if (SqliteVerifier.requested(options, report)) {
 *     new SqliteVerifier().verify(orderedMigrations, report);
 * }
 * }</pre>
 */
public final class SqliteVerifier {

    /** The processor option; {@code sqlite} is the only value. */
    public static final String OPTION = "cairn.verify";
    /**
     * The processor option with placeholder values for verification, {@code name=value} pairs
     * separated by commas: {@code -Acairn.placeholders=app_role=shop,table_prefix=shop_}.
     */
    public static final String PLACEHOLDERS_OPTION = "cairn.placeholders";
    /** A placeholder in a script's text, as the runtime replaces it. */
    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\$\\{([^}\\n]*)}");

    private final Placeholders placeholders;
    private final Map<String, String> values;

    /** A verifier with no placeholder values but Flyway's built-ins. */
    public SqliteVerifier() {
        this(Map.of());
    }

    /**
     * @param options the processor options, for {@link #PLACEHOLDERS_OPTION}
     */
    public SqliteVerifier(Map<String, String> options) {
        Map<String, String> given = new java.util.TreeMap<>();
        String option = options.get(PLACEHOLDERS_OPTION);
        if (option != null) {
            for (String pair : option.split(",")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    given.put(pair.substring(0, equals).trim(), pair.substring(equals + 1));
                }
            }
        }
        // Flyway's built-ins, as they would read on SQLite (the run gives them their real values).
        Map<String, String> all = new java.util.TreeMap<>(Map.of("flyway:defaultSchema", "main", "flyway:user", "cairn",
                "flyway:database", "main", "flyway:timestamp", "1970-01-01 00:00:00", "flyway:table",
                "cairn_schema_history"));
        all.putAll(given);
        this.values = all;
        this.placeholders = Placeholders.of(all, true);
    }

    private static final String DRIVER = "org.sqlite.JDBC";

    /** Whether verification is asked for; an unknown value is reported as an error. */
    public static boolean requested(Map<String, String> options, DiagnosticReport report) {
        String value = options.get(OPTION);
        if (value == null || value.trim().isEmpty() || value.trim().equals("none")) {
            return false;
        }
        if (value.trim().equals("sqlite")) {
            return true;
        }
        report.error(Code.INVALID_OPTION, "the processor option -A" + OPTION + "=" + value + " is not known."
                + " Use -A" + OPTION + "=sqlite to run the SQL migrations against an in-memory SQLite database"
                + " during compilation, or leave the option out.", null);
        return false;
    }

    /** Runs the SQL ones of {@code ordered} (all migrations, in registry order, graph without errors). */
    public void verify(List<MigrationModel> ordered, DiagnosticReport report) {
        boolean anySql = false;
        for (MigrationModel migration : ordered) {
            anySql |= migration.isSql();
        }
        if (!anySql) {
            return;
        }
        Driver driver = loadDriver(report, ordered);
        if (driver == null) {
            return;
        }
        Map<Version, MigrationModel> byVersion = new HashMap<>();
        for (MigrationModel migration : ordered) {
            byVersion.put(migration.version(), migration);
        }
        // For each migration that cannot run: the Java migration at the root of the reason.
        Map<Version, MigrationModel> javaCause = new HashMap<>();
        Set<Version> failed = new HashSet<>();
        try (Connection connection = driver.connect("jdbc:sqlite::memory:", new Properties())) {
            for (MigrationModel migration : ordered) {
                if (!migration.isSql()) {
                    javaCause.put(migration.version(), migration);
                    continue;
                }
                MigrationModel through = null;
                boolean afterFailure = false;
                for (Version dependency : migration.dependencyVersions()) {
                    if (javaCause.containsKey(dependency) && through == null) {
                        through = byVersion.get(dependency);
                    }
                    afterFailure |= failed.contains(dependency);
                }
                if (isMysqlScript(migration)) {
                    report.warning(Code.SQL_VERIFY_SKIPPED, migration.kindAndName() + " was not run against SQLite"
                            + " at compile time because it declares '-- dialect: mysql': SQLite reads neither its"
                            + " DELIMITER blocks nor its backslash escapes. Test it against MySQL or MariaDB.",
                            migration.element(), migration.annotation(), migration.sql().declaredAt());
                    continue;
                }
                if (through != null) {
                    MigrationModel cause = javaCause.get(through.version());
                    javaCause.put(migration.version(), cause);
                    // A warning, not a note: notes vanish under mvn -q, and the script is not run.
                    report.warning(Code.SQL_VERIFY_SKIPPED, migration.kindAndName() + " was not run against SQLite"
                            + " at compile time because it depends on "
                            + (through == cause ? "" : through.label() + ", which depends on ")
                            + "Java migration " + cause.version() + " (" + cause.canonicalName() + "), which"
                            + " cannot run during compilation; only the syntax of its statements was checked."
                            + " Its tables and columns are checked when it runs: test it against a database.",
                            migration.element(), migration.annotation(), migration.sql().declaredAt());
                    parse(connection, migration, "it depends on Java migration " + cause.version() + " ("
                            + cause.canonicalName() + ")", report);
                    continue;
                }
                if (afterFailure) {
                    failed.add(migration.version());
                    MigrationModel failure = null;
                    for (Version dependency : migration.dependencyVersions()) {
                        if (failed.contains(dependency) && failure == null) {
                            failure = byVersion.get(dependency);
                        }
                    }
                    report.warning(Code.SQL_VERIFY_SKIPPED, migration.kindAndName() + " was not run against SQLite"
                            + " at compile time because it depends on " + failure.label() + ", which failed;"
                            + " only the syntax of its statements was checked. Fix that one first.",
                            migration.element(), migration.annotation(), migration.sql().declaredAt());
                    parse(connection, migration, "it depends on " + failure.label() + ", which failed", report);
                    continue;
                }
                if (!run(connection, migration, report)) {
                    failed.add(migration.version());
                }
            }
        } catch (SQLException e) {
            report.error(Code.SQL_VERIFY_UNAVAILABLE, "-A" + OPTION + "=sqlite could not open an in-memory SQLite"
                    + " database: " + e.getMessage() + ". Compile without the option to skip verification.",
                    ordered.get(0).element());
        }
    }

    /** Whether the script declares {@code -- dialect: mysql} (a malformed declaration was reported already). */
    private static boolean isMysqlScript(MigrationModel migration) {
        String text = migration.sql().text();
        try {
            return text != null && ScriptDialect.declaredIn(migration.sql().script(), text) == ScriptDialect.MYSQL;
        } catch (dev.cairn.runtime.SqlScriptException e) {
            return false;
        }
    }

    /**
     * The script's text with its placeholders replaced by their compile-time values, or null after a
     * warning when one has none: then the script can be neither run nor parsed here.
     */
    private String replaced(MigrationModel migration, DiagnosticReport report) {
        String text = migration.sql().text();
        if (text == null) {
            return null;
        }
        java.util.Set<String> missing = new java.util.TreeSet<>();
        java.util.regex.Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            if (!values.containsKey(placeholder.group(1)) && !placeholder.group(1).equals("flyway:filename")) {
                missing.add(placeholder.group(1));
            }
        }
        if (!missing.isEmpty()) {
            report.warning(Code.SQL_VERIFY_SKIPPED, migration.kindAndName() + " was not run against SQLite at compile"
                    + " time because its placeholder(s) ${" + String.join("}, ${", missing) + "} have no value here;"
                    + " nor was its syntax checked. Give them values for verification with -A" + PLACEHOLDERS_OPTION
                    + "=" + String.join("=...,", missing) + "=... (the run gives them theirs).",
                    migration.element(), migration.annotation(), migration.sql().declaredAt());
            return null;
        }
        try {
            return placeholders.replace(migration.sql().script(), text);
        } catch (dev.cairn.runtime.SqlScriptException e) {
            report.warning(Code.SQL_VERIFY_SKIPPED, migration.kindAndName() + " was not run against SQLite at compile"
                    + " time: " + e.getMessage(), migration.element(), migration.annotation(),
                    migration.sql().declaredAt());
            return null;
        }
    }

    /** Runs one script; false after reporting the statement SQLite rejected. */
    private boolean run(Connection connection, MigrationModel migration, DiagnosticReport report)
            throws SQLException {
        String script = migration.sql().script();
        String text = replaced(migration, report);
        if (text == null) {
            return true; // not run, not failed: scripts after it still run
        }
        List<SqlStatement> statements = SqlScript.parse(script, text).statements();
        boolean transactional = migration.transactional();
        connection.setAutoCommit(!transactional);
        for (SqlStatement statement : statements) {
            try (Statement jdbc = connection.createStatement()) {
                jdbc.setEscapeProcessing(false); // as the runtime runs it: {fn ...} is not JDBC's
                jdbc.execute(statement.sql());
            } catch (SQLException e) {
                if (transactional) {
                    connection.rollback();
                }
                report.error(Code.SQL_VERIFY_FAILED, script + ":" + statement.line() + ": SQLite rejected the"
                        + " statement: " + e.getMessage() + ". (-A" + OPTION + "=sqlite runs the SQL migrations"
                        + " in order against an in-memory SQLite database; this one failed after those it"
                        + " depends on were applied.)", migration.element(), migration.annotation(),
                        migration.sql().declaredAt());
                return false;
            }
        }
        if (transactional) {
            connection.commit();
        }
        return true;
    }

    /**
     * Parses each statement of a script that cannot run, without running it: SQLite prepares a
     * statement only against the schema it knows, so a statement on a table a Java migration creates
     * fails with "no such table", which says nothing about the script; a syntax error ("near
     * \"CREAT\": syntax error", an incomplete statement, an unrecognized token) is reported, once per
     * script, at the statement's line.
     *
     * @param why why the script is not run, for the message
     */
    private void parse(Connection connection, MigrationModel migration, String why, DiagnosticReport report)
            throws SQLException {
        String script = migration.sql().script();
        String text = replaced(migration, report);
        if (text == null) {
            return;
        }
        connection.setAutoCommit(true);
        for (SqlStatement statement : SqlScript.parse(script, text).statements()) {
            if (statement.isTransactionControl()) {
                continue; // refused by the collector already
            }
            try (PreparedStatement prepared = connection.prepareStatement(statement.sql())) {
                // Prepared, never executed: the schema it would change is not known here.
            } catch (SQLException e) {
                if (!isSyntaxError(e)) {
                    continue;
                }
                report.error(Code.SQL_VERIFY_SYNTAX, script + ":" + statement.line() + ": SQLite cannot parse the"
                        + " statement: " + e.getMessage() + ". The script was not run at compile time because " + why
                        + ", but a statement SQLite cannot parse fails at run time. Fix the statement.",
                        migration.element(), migration.annotation(), migration.sql().declaredAt());
                return;
            }
        }
    }

    /**
     * Whether SQLite refused to prepare a statement for its text rather than for the schema: its
     * parser's messages, as opposed to "no such table/column/function/...", which name what a
     * migration that did not run would have created.
     */
    static boolean isSyntaxError(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("syntax error") || message.contains("incomplete input")
                || message.contains("unrecognized token");
    }

    private static Driver loadDriver(DiagnosticReport report, List<MigrationModel> ordered) {
        try {
            // Not DriverManager: it only hands out drivers visible to the caller's class loader,
            // and the processor path is not the application's class path.
            Class<?> type = Class.forName(DRIVER, true, SqliteVerifier.class.getClassLoader());
            return (Driver) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            MigrationModel first = null;
            for (MigrationModel migration : ordered) {
                if (migration.isSql() && first == null) {
                    first = migration;
                }
            }
            report.error(Code.SQL_VERIFY_UNAVAILABLE, "-A" + OPTION + "=sqlite needs the SQLite JDBC driver"
                    + " (" + DRIVER + ", artifact org.xerial:sqlite-jdbc) on the annotation processor path, but it"
                    + " could not be loaded: " + e + ". cairn-processor depends on it, so add it to"
                    + " annotationProcessorPaths if you list the processor's dependencies yourself, or compile"
                    + " without the option.", first.element(), first.annotation(), first.sql().declaredAt());
            return null;
        }
    }
}
