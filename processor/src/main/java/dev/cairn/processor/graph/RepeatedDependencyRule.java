package dev.cairn.processor.graph;

import dev.cairn.processor.diagnostic.Code;
import dev.cairn.processor.diagnostic.DiagnosticReport;
import dev.cairn.processor.model.Dependency;
import dev.cairn.processor.model.MigrationModel;
import dev.cairn.processor.model.Version;
import java.util.HashSet;
import java.util.Set;

/**
 * A version listed twice in {@code dependsOn} is harmless but probably a typo for another
 * version: a warning on the repeat. The generated descriptor lists each dependency once.
 *
 * <pre>{@code
 * @Migration(version = 5, dependsOn = {3, 3})  // [Cairn/RepeatedDependency] warning
 * }</pre>
 */
final class RepeatedDependencyRule implements GraphRule {

    @Override
    public void check(MigrationGraph graph, DiagnosticReport report) {
        for (MigrationModel migration : graph.migrations()) {
            Set<Version> seen = new HashSet<>();
            for (Dependency dependency : migration.declaredDependencies()) {
                if (!seen.add(dependency.version())) {
                    report.warning(Code.REPEATED_DEPENDENCY, migration.kindAndName()
                            + " lists version " + dependency.version() + " more than once in "
                            + Dependencies.where(dependency) + "."
                            + " Remove the repeat (or correct it, if another version was meant).",
                            migration.element(), migration.annotation(), dependency.value());
                }
            }
        }
    }
}
