package dev.cairn.runtime;

import java.util.List;

/**
 * The database belongs to another application: the migrations applied in it were written by
 * another application (registry) and none of them is one of this application's. Usually a
 * configuration mistake, such as a URL copied from the other service. Nothing was applied and the
 * history was not changed; {@code repair} refuses it too, since it would record this
 * application's checksums over the other one's.
 *
 * <pre>{@code
 * try {
 *     migrator.migrate();
 * } catch (DatabaseOfAnotherApplicationException e) {
 *     e.otherApplication();   // com.example.users.MigrationRegistry
 *     e.otherVersions();      // [1, 2, 3, 4, 5]
 *     e.application();        // com.example.orders.MigrationRegistry
 * }
 * }</pre>
 *
 * @see Migrator.Builder#applicationName(String)
 */
public class DatabaseOfAnotherApplicationException extends ValidationException {

    private static final long serialVersionUID = 1L;

    private final String otherApplication;
    private final transient List<MigrationVersion> otherVersions;
    private final String application;

    /** Creates the exception; the report holds the one problem that says it all. */
    DatabaseOfAnotherApplicationException(String otherApplication, List<MigrationVersion> otherVersions, String application,
            ValidationReport report) {
        super("Refused: this is not " + application + "'s database.", report);
        this.otherApplication = otherApplication;
        this.otherVersions = List.copyOf(otherVersions);
        this.application = application;
    }

    /** The application recorded as having applied the database's migrations. */
    public String otherApplication() {
        return otherApplication;
    }

    /** The versions it applied, ascending. */
    public List<MigrationVersion> otherVersions() {
        return otherVersions;
    }

    /** This application, as recorded with the rows it writes. */
    public String application() {
        return application;
    }
}
