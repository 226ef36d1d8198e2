package dev.cairn.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of {@link Migrator#info()}: every migration known to the application (in the
 * registry's order) followed by applied migrations the application does not know.
 *
 * <pre>{@code
 * InfoReport info = migrator.info();
 * System.out.println(info.pending().size() + " migration(s) to apply");
 * }</pre>
 */
public final class InfoReport {

    private final List<MigrationInfo> migrations;

    /** Creates the report. */
    InfoReport(List<MigrationInfo> migrations) {
        this.migrations = List.copyOf(migrations);
    }

    /** Every migration, known ones first in registry order, then unknown applied ones. */
    public List<MigrationInfo> migrations() {
        return migrations;
    }

    /** The entries in the given state. */
    public List<MigrationInfo> inState(MigrationState state) {
        List<MigrationInfo> matching = new ArrayList<>();
        for (MigrationInfo migration : migrations) {
            if (migration.state() == state) {
                matching.add(migration);
            }
        }
        return matching;
    }

    /**
     * The entries not applied yet: never applied, or a {@link BatchedMigration} in progress
     * ({@link MigrationState#IN_PROGRESS}), which {@code migrate()} resumes. {@code migrate()}
     * applies these (unless one depends on a rolled-back migration), and also retries a
     * {@link MigrationState#FAILED} transactional migration (it left nothing behind);
     * {@link MigrationState#ROLLED_BACK} ones stay rolled back until {@code migrate(target)}
     * re-applies them. {@link Migrator#plan()} gives the exact list.
     */
    public List<MigrationInfo> pending() {
        List<MigrationInfo> matching = new ArrayList<>();
        for (MigrationInfo migration : migrations) {
            MigrationState state = migration.state();
            if (state == MigrationState.PENDING || state == MigrationState.IN_PROGRESS) {
                matching.add(migration);
            }
        }
        return matching;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (MigrationInfo migration : migrations) {
            text.append(migration).append(System.lineSeparator());
        }
        return text.toString();
    }
}
