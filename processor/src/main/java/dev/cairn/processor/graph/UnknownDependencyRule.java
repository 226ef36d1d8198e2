package dev.cairn.processor.graph;

import dev.cairn.processor.diagnostic.Code;
import dev.cairn.processor.diagnostic.DiagnosticReport;
import dev.cairn.processor.model.Dependency;
import dev.cairn.processor.model.MigrationModel;
import dev.cairn.processor.model.Version;
import java.util.HashSet;
import java.util.Set;

/**
 * Every version in {@code dependsOn} must belong to a migration of the compilation; reported
 * once per missing version, on its {@code dependsOn} entry.
 *
 * <pre>{@code
 * @Migration(version = 3, dependsOn = 7)  // no migration 7: [Cairn/UnknownDependency]
 * }</pre>
 */
public final class UnknownDependencyRule implements GraphRule {

    @Override
    public void check(MigrationGraph graph, DiagnosticReport report) {
        for (MigrationModel migration : graph.migrations()) {
            checkDependencies(migration, graph, report);
        }
    }

    /**
     * The rule for one migration, also one outside the graph: a repeatable script's
     * {@code -- depends-on:} versions must be in the graph too.
     */
    public static void checkDependencies(MigrationModel migration, MigrationGraph graph, DiagnosticReport report) {
        Set<Version> reported = new HashSet<>();
        for (Dependency dependency : migration.declaredDependencies()) {
            Version version = dependency.version();
            if (!version.equals(migration.version())
                    && graph.nodesWithVersion(version).isEmpty()
                    && !graph.isMeantByAMigrationInError(version)
                    && reported.add(version)) {
                report.error(Code.UNKNOWN_DEPENDENCY, migration.kindAndName()
                        + " depends on version " + version + Dependencies.origin(dependency)
                        + ", but no migration has version " + version + ". Fix the version in "
                        + Dependencies.where(dependency) + ", or add the missing migration"
                        + " to this compilation.",
                        migration.element(), migration.annotation(), dependency.value());
            }
        }
    }
}
