package dev.cairn.runtime;

import java.sql.SQLException;
import java.util.Optional;

/**
 * A migration (its {@code up}, {@code verify} or {@code down}) threw. For a transactional
 * migration its changes were rolled back together with its history row; the failure is recorded
 * in the history table, migrations applied before it in the same run stay applied, and later
 * ones were not run.
 *
 * <pre>{@code
 * try {
 *     migrator.migrate();
 * } catch (MigrationFailedException e) {
 *     e.version();       // 7
 *     e.className();     // com.example.db.AddOrderIndex
 *     e.sqlState();      // Optional[42P07] when the driver reported one
 * }
 * }</pre>
 */
public class MigrationFailedException extends CairnException {

    private static final long serialVersionUID = 1L;

    private final MigrationVersion version;
    private final String className;
    private final String sqlState;

    /** Creates the exception; {@code message} is the whole text, built by the runtime. */
    MigrationFailedException(MigrationVersion version, String className, String message, Throwable cause) {
        super(message, cause);
        this.version = version;
        this.className = className;
        this.sqlState = findSqlState(cause);
    }

    /** The version of the migration that failed. */
    public MigrationVersion version() {
        return version;
    }

    /** The class of the migration that failed. */
    public String className() {
        return className;
    }

    /** The SQL state the driver reported, if the failure came from the database. */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }

    static String findSqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException && ((SQLException) cause).getSQLState() != null) {
                return ((SQLException) cause).getSQLState();
            }
        }
        return null;
    }
}
