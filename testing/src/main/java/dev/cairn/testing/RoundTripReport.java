package dev.cairn.testing;

import dev.cairn.runtime.MigrationVersion;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What {@link MigrationTester#assertEveryMigrationRoundTrips()} checked: the migrations whose
 * {@code down()} was run and found to restore the schema, and the irreversible ones it skipped,
 * each with the reason.
 *
 * <pre>{@code
 * RoundTripReport report = tester.assertEveryMigrationRoundTrips();
 * report.checked();   // [1, 2, 4]
 * report.skipped();   // {3=has no down() (irreversible)}
 * }</pre>
 */
public final class RoundTripReport {

    private final List<MigrationVersion> checked;
    private final Map<MigrationVersion, String> skipped;

    RoundTripReport(List<MigrationVersion> checked, Map<MigrationVersion, String> skipped) {
        this.checked = Collections.unmodifiableList(checked);
        this.skipped = Collections.unmodifiableMap(skipped);
    }

    /** The versions whose round trip (up, down, same schema, up again) passed, in the order run. */
    public List<MigrationVersion> checked() {
        return checked;
    }

    /** The versions that were only applied, with why: irreversible migrations. */
    public Map<MigrationVersion, String> skipped() {
        return skipped;
    }

    @Override
    public String toString() {
        return "round trip of " + checked.size() + " migration(s) " + checked + "; skipped " + skipped;
    }
}
