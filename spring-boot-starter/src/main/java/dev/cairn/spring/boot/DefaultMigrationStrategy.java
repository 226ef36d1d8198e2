package dev.cairn.spring.boot;

import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.InfoReport;
import dev.cairn.runtime.MigrationInfo;
import dev.cairn.runtime.MigrationReport;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.ValidationProblem;
import dev.cairn.runtime.ValidationReport;
import java.util.stream.Collectors;

/**
 * What the starter does at start-up without a {@link CairnMigrationStrategy} bean: baseline an existing
 * database when {@code cairn.baseline-version} asks for it, then migrate (up to {@code cairn.target});
 * or, with {@code cairn.mode=validate}, change nothing and stop start-up unless the database is valid
 * and up to date. A run that {@code cairn.batch-time-limit} cut short logs a warning naming the batched
 * migrations left in progress and those waiting for them; start-up goes on.
 */
final class DefaultMigrationStrategy implements CairnMigrationStrategy {

    private static final System.Logger LOG = System.getLogger(DefaultMigrationStrategy.class.getName());

    private final CairnProperties properties;

    DefaultMigrationStrategy(CairnProperties properties) {
        this.properties = properties;
    }

    @Override
    public void migrate(Migrator migrator) {
        if (properties.getMode() == CairnProperties.Mode.VALIDATE) {
            validate(migrator);
            return;
        }
        String baseline = properties.getBaselineVersion();
        if (baseline != null
                && !migrator.validate().problems(ValidationProblem.Kind.NON_EMPTY_DATABASE).isEmpty()) {
            migrator.baseline(MigrationVersion.parse(baseline.trim()));
        }
        String target = properties.getTarget();
        MigrationReport report = target == null ? migrator.migrate()
                : migrator.migrate(MigrationVersion.parse(target.trim()));
        if (!report.isComplete()) {
            LOG.log(System.Logger.Level.WARNING, "cairn.batch-time-limit ran out: batched migration(s) "
                    + report.unfinished().stream().map(m -> m.version() + " (" + m.description() + ")")
                            .collect(Collectors.joining(", "))
                    + " stay in progress with their committed batches"
                    + (report.waiting().isEmpty() ? "" : "; waiting for them: " + report.waiting().stream()
                            .map(m -> m.version() + " (" + m.description() + ")").collect(Collectors.joining(", ")))
                    + ". The next start, or the Cairn CLI's migrate, resumes them after their last committed batch; "
                    + "/actuator/cairn shows their progress.");
        }
    }

    private static void validate(Migrator migrator) {
        ValidationReport report = migrator.validate();
        if (!report.isValid()) {
            throw new CairnStartupException("cairn.mode=validate: the database does not match the application's "
                    + "migrations: " + report.describeProblems(), "Fix what each problem says (the Cairn CLI's "
                    + "validate and info commands show the details), or let the application migrate with "
                    + "cairn.mode=migrate.");
        }
        InfoReport info = migrator.info();
        if (!info.pending().isEmpty()) {
            String pending = info.pending().stream().map(MigrationText::of).collect(Collectors.joining(", "));
            throw new CairnStartupException("cairn.mode=validate: the database has " + info.pending().size()
                    + " pending migration(s): " + pending + ".", "Apply them first (a migration job, or the Cairn "
                    + "CLI's migrate command), or let the application migrate with cairn.mode=migrate.");
        }
    }

    /** How a migration is named in messages: its version and description. */
    static final class MigrationText {

        private MigrationText() {
        }

        static String of(MigrationInfo migration) {
            return String.valueOf(migration.version()) + " (" + migration.description() + ")";
        }
    }
}
