package dev.cairn.runtime;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@link Migrator#migrate()} would apply, in order, computed without changing anything: a
 * dry run an application can show its user before asking to go ahead.
 *
 * <pre>{@code
 * MigrationPlan plan = migrator.plan();
 * if (!plan.isEmpty() && userConfirms(plan.migrations())) {
 *     migrator.migrate();
 * }
 * for (MigrationDescriptor migration : plan.migrations()) {
 *     plan.statements(migration).ifPresent(statements -> statements.forEach(System.out::println));
 * }
 * }</pre>
 */
public final class MigrationPlan {

    private final List<MigrationDescriptor> migrations;
    private final ValidationReport validation;
    private final List<MigrationDescriptor> skipped;
    private final Function<MigrationDescriptor, List<SqlStatement>> statements;

    /**
     * Creates the plan, with the migrations it leaves alone because they were rolled back, and how
     * to load a SQL script migration's statements as the run would (null for a Java migration).
     */
    MigrationPlan(List<MigrationDescriptor> migrations, ValidationReport validation,
            List<MigrationDescriptor> skipped, Function<MigrationDescriptor, List<SqlStatement>> statements) {
        this.migrations = List.copyOf(migrations);
        this.validation = validation;
        this.skipped = List.copyOf(skipped);
        this.statements = statements;
    }

    /** The migrations that would run, in the order they would run. */
    public List<MigrationDescriptor> migrations() {
        return migrations;
    }

    /**
     * The SQL a SQL script migration of the plan would run: its script's statements, loaded from
     * the class path and checked as {@code migrate} checks them (present, unchanged since
     * compilation, no transaction control), with the configured placeholders replaced (Flyway's
     * built-ins, known only on the run's connection, are shown as written). Empty for a Java
     * migration, whose SQL is known only when it runs.
     *
     * @throws SqlScriptException naming the migration and the script when the script is missing,
     *     changed since compilation, or refused; {@code migrate} would refuse the run for the same reason
     */
    public Optional<List<SqlStatement>> statements(MigrationDescriptor migration) {
        return Optional.ofNullable(statements.apply(migration));
    }

    /** Whether the database is up to date (for the plan's target). */
    public boolean isEmpty() {
        return migrations.isEmpty();
    }

    /**
     * The migrations a plan without a target leaves alone, in registry order: those rolled back
     * (an operator's decision that a restart must not undo) and pending ones that depend on them.
     * {@code plan(target)} / {@code migrate(target)} re-applies those in the target's closure.
     */
    public List<MigrationDescriptor> skipped() {
        return skipped;
    }

    /**
     * The validation of the database; when it has problems, {@code migrate()} would refuse to
     * apply this plan.
     */
    public ValidationReport validation() {
        return validation;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (migrations.isEmpty()) {
            text.append("up to date").append(System.lineSeparator());
        }
        for (MigrationDescriptor migration : migrations) {
            text.append(migration).append(System.lineSeparator());
        }
        for (MigrationDescriptor migration : skipped) {
            text.append("skipped: rolled back: ").append(migration).append(System.lineSeparator());
        }
        return text.toString();
    }
}
