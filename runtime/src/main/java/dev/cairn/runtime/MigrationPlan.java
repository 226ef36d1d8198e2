package dev.cairn.runtime;

import java.util.List;

/**
 * What {@link Migrator#migrate()} would apply, in order, computed without changing anything: a
 * dry run an application can show its user before asking to go ahead.
 *
 * <pre>{@code
 * MigrationPlan plan = migrator.plan();
 * if (!plan.isEmpty() && userConfirms(plan.migrations())) {
 *     migrator.migrate();
 * }
 * }</pre>
 */
public final class MigrationPlan {

    private final List<MigrationDescriptor> migrations;
    private final ValidationReport validation;

    /** Creates the plan. */
    public MigrationPlan(List<MigrationDescriptor> migrations, ValidationReport validation) {
        this.migrations = List.copyOf(migrations);
        this.validation = validation;
    }

    /** The migrations that would run, in the order they would run. */
    public List<MigrationDescriptor> migrations() {
        return migrations;
    }

    /** Whether the database is up to date (for the plan's target). */
    public boolean isEmpty() {
        return migrations.isEmpty();
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
        if (migrations.isEmpty()) {
            return "up to date";
        }
        StringBuilder text = new StringBuilder();
        for (MigrationDescriptor migration : migrations) {
            text.append(migration).append(System.lineSeparator());
        }
        return text.toString();
    }
}
