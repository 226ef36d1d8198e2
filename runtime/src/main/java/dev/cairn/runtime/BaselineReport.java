package dev.cairn.runtime;

import java.util.List;

/**
 * The result of {@link Migrator#baseline(long)}: the migrations recorded as present without
 * being run.
 *
 * <pre>{@code
 * BaselineReport report = migrator.baseline(12);
 * report.baselined();   // 12 and every migration it depends on, unless already applied
 * }</pre>
 */
public final class BaselineReport {

    private final MigrationVersion version;
    private final List<MigrationDescriptor> baselined;

    /** Creates the report. */
    BaselineReport(MigrationVersion version, List<MigrationDescriptor> baselined) {
        this.version = version;
        this.baselined = List.copyOf(baselined);
    }

    /** The version the database was baselined at. */
    public MigrationVersion version() {
        return version;
    }

    /** The migrations newly recorded as baselined, in registry order. */
    public List<MigrationDescriptor> baselined() {
        return baselined;
    }

    @Override
    public String toString() {
        return "baselined at " + version + ": " + baselined;
    }
}
