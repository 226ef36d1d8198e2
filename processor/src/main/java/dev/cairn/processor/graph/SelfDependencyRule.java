package dev.cairn.processor.graph;

import dev.cairn.processor.diagnostic.Code;
import dev.cairn.processor.diagnostic.DiagnosticReport;
import dev.cairn.processor.model.Dependency;
import dev.cairn.processor.model.MigrationModel;

/**
 * A migration cannot depend on itself; reported on the offending {@code dependsOn} entry.
 *
 * <pre>{@code
 * @Migration(version = 3, dependsOn = 3)  // [Cairn/SelfDependency]
 * }</pre>
 */
final class SelfDependencyRule implements GraphRule {

    @Override
    public void check(MigrationGraph graph, DiagnosticReport report) {
        for (MigrationModel migration : graph.migrations()) {
            for (Dependency dependency : migration.declaredDependencies()) {
                if (dependency.version().equals(migration.version())) {
                    report.error(Code.SELF_DEPENDENCY, migration.kindAndName()
                            + " (version " + migration.version() + ") depends on itself. Remove "
                            + dependency.version() + " from " + Dependencies.where(dependency) + ".",
                            migration.element(), migration.annotation(), dependency.value());
                    break;
                }
            }
        }
    }
}
