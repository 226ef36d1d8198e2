package dev.cairn.processor.graph;

import dev.cairn.processor.diagnostic.Code;
import dev.cairn.processor.diagnostic.DiagnosticReport;
import dev.cairn.processor.model.MigrationModel;

/**
 * Versions must be positive: 0 and negative numbers are reserved (the runtime's "nothing
 * applied yet" is 0).
 *
 * <pre>{@code
 * @Migration(version = 0)  // [Cairn/InvalidVersion]
 * }</pre>
 */
final class InvalidVersionRule implements GraphRule {

    @Override
    public void check(MigrationGraph graph, DiagnosticReport report) {
        for (MigrationModel migration : graph.migrations()) {
            if (!migration.version().isPositive()) {
                report.error(Code.INVALID_VERSION, migration.kindAndName()
                        + " has version " + migration.version() + ", but versions must be positive."
                        + " Use a number greater than 0, such as 1 or a timestamp like 20251119143022.",
                        migration.element(), migration.annotation(), migration.versionValue());
            }
        }
    }
}
