package dev.cairn.runtime;

import java.util.List;

/**
 * The result of {@link Migrator#adoptFlyway()}: the application's migrations recorded as present
 * (as baselined, without running them) because Flyway had applied them, and the Flyway rows left
 * aside.
 *
 * <pre>{@code
 * FlywayAdoptionReport report = migrator.adoptFlyway();
 * report.adopted();          // 1..26, as Flyway applied them
 * report.flywayVersion();    // 26: Flyway's highest applied version
 * report.ignored();          // ["repeatable R__refresh_views.sql (rank 27)"]
 * migrator.migrate();        // applies 27 and after
 * }</pre>
 */
public final class FlywayAdoptionReport {

    private final MigrationVersion flywayVersion;
    private final List<MigrationDescriptor> adopted;
    private final List<String> ignored;

    /** Creates the report. */
    FlywayAdoptionReport(MigrationVersion flywayVersion, List<MigrationDescriptor> adopted, List<String> ignored) {
        this.flywayVersion = flywayVersion;
        this.adopted = List.copyOf(adopted);
        this.ignored = List.copyOf(ignored);
    }

    /** The highest version Flyway had applied or baselined; 0 if it had applied none. */
    public MigrationVersion flywayVersion() {
        return flywayVersion;
    }

    /**
     * The migrations newly recorded in Cairn's history, in registry order; empty when adoption had
     * already been done (running it again changes nothing).
     */
    public List<MigrationDescriptor> adopted() {
        return adopted;
    }

    /**
     * Flyway rows not taken over, one description each: repeatable migrations ({@code R__}
     * scripts: Flyway's checksums cannot be compared with Cairn's, so the next migrate applies the
     * application's repeatable migrations once) and Flyway's schema-creation marker.
     */
    public List<String> ignored() {
        return ignored;
    }

    @Override
    public String toString() {
        return "adopted from Flyway at " + flywayVersion + ": " + adopted + (ignored.isEmpty() ? "" : ", ignored " + ignored);
    }
}
