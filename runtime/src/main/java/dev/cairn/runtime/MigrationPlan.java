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
    private final List<MigrationDescriptor> skipped;

    /** Creates a plan that skips nothing. */
    public MigrationPlan(List<MigrationDescriptor> migrations, ValidationReport validation) {
        this(migrations, validation, List.of());
    }

    /** Creates the plan, with the migrations it leaves alone because they were rolled back. */
    public MigrationPlan(List<MigrationDescriptor> migrations, ValidationReport validation,
            List<MigrationDescriptor> skipped) {
        this.migrations = List.copyOf(migrations);
        this.validation = validation;
        this.skipped = List.copyOf(skipped);
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
