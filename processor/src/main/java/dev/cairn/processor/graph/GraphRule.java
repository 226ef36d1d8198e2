package dev.cairn.processor.graph;

import dev.cairn.processor.diagnostic.DiagnosticReport;
import java.util.List;

/**
 * One check of the migration graph, with one job, like "no two migrations share a version".
 * Rules report into a shared report, so all problems of a compilation appear together.
 *
 * <pre>{@code
 * for (GraphRule rule : GraphRule.all()) {
 *     rule.check(graph, report);
 * }
 * }</pre>
 */
public interface GraphRule {

    void check(MigrationGraph graph, DiagnosticReport report);

    /** Every rule, in the order their messages should appear. */
    static List<GraphRule> all() {
        return List.of(
                new InvalidVersionRule(),
                new DuplicateVersionRule(),
                new SelfDependencyRule(),
                new UnknownDependencyRule(),
                new RepeatedDependencyRule(),
                new DependencyCycleRule());
    }
}
