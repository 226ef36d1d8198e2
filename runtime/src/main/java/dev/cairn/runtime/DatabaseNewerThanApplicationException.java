package dev.cairn.runtime;

import java.util.List;

/**
 * The database has migrations applied that this application does not know: it was migrated by a
 * newer version of the application. Starting an older application against it is refused, since
 * the older code does not know the newer schema.
 *
 * <pre>{@code
 * try {
 *     migrator.migrate();
 * } catch (DatabaseNewerThanApplicationException e) {
 *     e.unknownVersions();            // [9, 10]
 *     e.latestApplicationVersion();   // 8
 * }
 * }</pre>
 */
public class DatabaseNewerThanApplicationException extends ValidationException {

    private static final long serialVersionUID = 1L;

    private final transient List<MigrationVersion> unknownVersions;
    private final MigrationVersion latestApplicationVersion;

    /** Creates the exception; {@code latestApplicationVersion} is 0 for an empty registry. */
    DatabaseNewerThanApplicationException(
            List<MigrationVersion> unknownVersions, MigrationVersion latestApplicationVersion, ValidationReport report) {
        super("The database is newer than the application: it has migrations " + unknownVersions
                + " applied, which this application does not know (its latest migration is " + latestApplicationVersion
                + "). Deploy the application version that contains them, or roll the database back with that version."
                + " Nothing was applied. All problems:", report);
        this.unknownVersions = List.copyOf(unknownVersions);
        this.latestApplicationVersion = latestApplicationVersion;
    }

    /** The applied versions unknown to this application, ascending. */
    public List<MigrationVersion> unknownVersions() {
        return unknownVersions;
    }

    /** The highest version of this application's migrations. */
    public MigrationVersion latestApplicationVersion() {
        return latestApplicationVersion;
    }
}
