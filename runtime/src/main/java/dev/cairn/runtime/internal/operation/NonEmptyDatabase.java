package dev.cairn.runtime.internal.operation;

import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.NonEmptyDatabaseException;
import dev.cairn.runtime.ValidationProblem;
import dev.cairn.runtime.ValidationReport;
import dev.cairn.runtime.internal.ApiValues;
import dev.cairn.runtime.internal.MigratorConfig;
import dev.cairn.runtime.internal.dialect.Dialect;
import dev.cairn.runtime.internal.dialect.SchemaObject;
import dev.cairn.runtime.internal.history.History;
import dev.cairn.runtime.internal.history.HistoryTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule that a database with objects but no Cairn history is adopted before it is migrated:
 * without a history, Cairn cannot tell which migrations created those objects, and running them
 * all again (re-runnable ones succeed) re-creates what was dropped. Consulted only when the
 * history records no migration, so the up-to-date path never pays for it.
 *
 * <pre>{@code
 * List<SchemaObject> found = NonEmptyDatabase.find(config, connection, dialect, table, history);
 * if (!found.isEmpty()) throw NonEmptyDatabase.refusal(config, dialect, table, found);
 * }</pre>
 */
final class NonEmptyDatabase {

    /** Flyway's default history table, named in the advice when the database has it. */
    static final String FLYWAY_TABLE = "flyway_schema_history";
    /** How many objects a message names before it counts the rest. */
    private static final int SHOWN = 5;

    private NonEmptyDatabase() {
    }

    /**
     * The objects that make the database non-empty when the rule applies (the history records no
     * migration, the application has migrations, and the configuration does not allow it); empty
     * otherwise.
     *
     * @param history the history as read, or null when the table is missing
     */
    static List<SchemaObject> find(MigratorConfig config, Connection connection, Dialect dialect, HistoryTable table,
            History history) throws SQLException {
        if (!applies(config, history)) {
            return List.of();
        }
        return objects(connection, dialect, table);
    }

    /** The schema's objects apart from Cairn's own: the history table and the batch table beside it. */
    static List<SchemaObject> objects(Connection connection, Dialect dialect, HistoryTable table) throws SQLException {
        List<SchemaObject> objects = dialect.schemaObjects(connection, table.schema(), table.table());
        String batches = table.batchTableName();
        List<SchemaObject> others = new java.util.ArrayList<>(objects.size());
        for (SchemaObject object : objects) {
            if (!object.isTable(batches)) {
                others.add(object);
            }
        }
        return others;
    }

    /** Whether the rule applies to this history: no migration recorded, and nothing allows it. */
    static boolean applies(MigratorConfig config, History history) {
        return !config.allowNonEmptyDatabase() && !config.migrations().isEmpty()
                && (history == null || history.versions().isEmpty());
    }

    static NonEmptyDatabaseException refusal(MigratorConfig config, Dialect dialect, HistoryTable table,
            List<SchemaObject> found) {
        List<String> names = new ArrayList<>();
        String flyway = null;
        for (SchemaObject object : found) {
            names.add(object.toString());
            if (object.isTable(FLYWAY_TABLE)) {
                flyway = object.name();
            }
        }
        return ApiValues.get().nonEmptyDatabase(message(config, dialect, table, found, "Nothing was applied."),
                names, flyway);
    }

    /** The same finding as a validation problem, for {@code plan} and {@code validate}. */
    static ValidationProblem problem(MigratorConfig config, Dialect dialect, HistoryTable table,
            List<SchemaObject> found) {
        return ApiValues.get().validationProblem(ValidationProblem.Kind.NON_EMPTY_DATABASE, MigrationVersion.of(0),
                message(config, dialect, table, found, "migrate refuses to run over it."));
    }

    /** {@code report} with {@code problem} first. */
    static ValidationReport withProblem(ValidationReport report, ValidationProblem problem) {
        List<ValidationProblem> problems = new ArrayList<>();
        problems.add(problem);
        problems.addAll(report.problems());
        return ApiValues.get().validationReport(problems);
    }

    private static String message(MigratorConfig config, Dialect dialect, HistoryTable table,
            List<SchemaObject> found, String consequence) {
        boolean flyway = false;
        for (SchemaObject object : found) {
            flyway |= object.isTable(FLYWAY_TABLE);
        }
        int migrations = config.migrations().size();
        StringBuilder text = new StringBuilder("The database (").append(dialect.name()).append(", ")
                .append(config.dataSourceDescription()).append(") is not empty but has no Cairn history in ")
                .append(table.name()).append(": it has ").append(describe(found))
                .append(", so Cairn cannot tell which of the application's ").append(migrations)
                .append(migrations == 1 ? " migration is" : " migrations are")
                .append(" already there, and running them all could re-create or change what exists. ")
                .append(consequence).append(' ');
        if (flyway) {
            text.append("Flyway migrated it (it has Flyway's history table ").append(FLYWAY_TABLE)
                    .append("): record what Flyway applied with adoptFlyway() (CLI: adopt-flyway), then migrate. ")
                    .append("Otherwise, if ");
        } else {
            text.append("If ");
        }
        text.append("the schema is what the migrations up to version V create, record that with baseline(V) ")
                .append("(CLI: baseline --version V), then migrate. If these objects have nothing to do with the ")
                .append("migrations, allow this with Migrator.Builder.allowNonEmptyDatabase(true).");
        return text.toString();
    }

    /** "3 objects (table a, table b, view c)", or the first few and how many more. */
    private static String describe(List<SchemaObject> found) {
        StringBuilder text = new StringBuilder().append(found.size()).append(found.size() == 1 ? " object (" : " objects (");
        for (int i = 0; i < Math.min(SHOWN, found.size()); i++) {
            text.append(i == 0 ? "" : ", ").append(found.get(i));
        }
        if (found.size() > SHOWN) {
            text.append(", and ").append(found.size() - SHOWN).append(" more");
        }
        return text.append(')').toString();
    }
}
