package dev.cairn.processor.graph;

import dev.cairn.processor.diagnostic.Code;
import dev.cairn.processor.diagnostic.DiagnosticReport;
import dev.cairn.processor.model.MigrationModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Each version belongs to one migration. A shared version is reported on every class that uses
 * it, each message naming the others, so whichever file the user opens explains the clash.
 *
 * <pre>{@code
 * @Migration(version = 3) class AddIndex ...
 * @Migration(version = 3) class AddColumn ...  // both: [Cairn/DuplicateVersion]
 * V1__a.sql and V1.0__b.sql                    // also: 1.0 is version 1
 * }</pre>
 */
final class DuplicateVersionRule implements GraphRule {

    @Override
    public void check(MigrationGraph graph, DiagnosticReport report) {
        for (int node = 0; node < graph.size(); node++) {
            MigrationModel migration = graph.migration(node);
            List<Integer> sameVersion = graph.nodesWithVersion(migration.version());
            if (sameVersion.size() < 2) {
                continue;
            }
            List<String> others = new ArrayList<>();
            for (int other : sameVersion) {
                if (other != node) {
                    MigrationModel clash = graph.migration(other);
                    String name = clash.isSql() ? clash.kindAndName() : clash.canonicalName();
                    // 1 and 1.0 are one version: say how the other wrote it.
                    boolean writtenAlike = clash.version().toString().equals(migration.version().toString());
                    others.add(writtenAlike ? name : name + " (as " + clash.version() + ")");
                }
            }
            report.error(Code.DUPLICATE_VERSION, "version " + migration.version() + " of "
                    + migration.kindAndName() + " is also used by " + String.join(", ", others)
                    + ". Each migration needs its own version: give one of them an unused version.",
                    migration.element(), migration.annotation(), migration.versionValue());
        }
    }
}
