package dev.cairn.spring.boot;

import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.InfoReport;
import dev.cairn.runtime.MigrationInfo;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.ValidationProblem;
import dev.cairn.runtime.ValidationReport;
import java.util.stream.Collectors;

/**
 * What the starter does at start-up without a {@link CairnMigrationStrategy} bean: baseline an existing
 * database when {@code cairn.baseline-version} asks for it, then migrate (up to {@code cairn.target});
 * or, with {@code cairn.mode=validate}, change nothing and stop start-up unless the database is valid
 * and up to date.
 */
final class DefaultMigrationStrategy implements CairnMigrationStrategy {

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
        if (target == null) {
            migrator.migrate();
        } else {
            migrator.migrate(MigrationVersion.parse(target.trim()));
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
