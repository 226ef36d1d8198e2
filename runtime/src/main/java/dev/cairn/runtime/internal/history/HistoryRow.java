package dev.cairn.runtime.internal.history;

import dev.cairn.runtime.MigrationVersion;
import java.time.Instant;

/**
 * One row of the history table, as written or read. An immutable value; {@code rank} is 0 for a
 * row not yet written (the database assigns it).
 *
 * <pre>{@code
 * table.append(connection, new HistoryRow(0, 7, "Add index", HistoryRow.TYPE_JAVA,
 *         HistoryEvent.APPLY, "checksum", "deployer", Instant.now(), 12, null));
 * }</pre>
 */
public final class HistoryRow {

    /** Type of a migration run in a transaction together with its row. */
    public static final String TYPE_JAVA = "JAVA";
    /** Type of a migration declared {@code transactional = false}. */
    public static final String TYPE_JAVA_NON_TRANSACTIONAL = "JAVA_NON_TRANSACTIONAL";
    /** Type of a SQL script migration run in a transaction together with its row. */
    public static final String TYPE_SQL = "SQL";
    /** Type of a SQL script migration declared {@code transactional = false}. */
    public static final String TYPE_SQL_NON_TRANSACTIONAL = "SQL_NON_TRANSACTIONAL";
    /** A repeatable SQL script ({@code R__name.sql}), as Flyway names the type; its version is 0. */
    public static final String TYPE_SQL_REPEATABLE = "SQL_REPEATABLE";
    /**
     * How the error of a failure row starts when the migration ended the transaction Cairn ran it
     * in (its own {@code COMMIT}, say): part of its work may be committed, so, like a failed
     * non-transactional migration, it waits for repair.
     */
    public static final String ENDED_TRANSACTION = "ended the transaction Cairn ran it in: ";
    /**
     * How the error of a failure row starts when a transactional migration ran on a database whose
     * DDL commits implicitly (MySQL, MariaDB) and its transaction ended under it, or it was cut off
     * (the marker row): part of its work may be committed, so it waits for repair.
     */
    public static final String IMPLICIT_COMMIT = "may have committed part of its work (the database commits DDL "
            + "implicitly): ";

    /** The type recorded for a migration: Java or SQL, in a transaction or not. */
    public static String typeOf(boolean sql, boolean transactional) {
        if (sql) {
            return transactional ? TYPE_SQL : TYPE_SQL_NON_TRANSACTIONAL;
        }
        return transactional ? TYPE_JAVA : TYPE_JAVA_NON_TRANSACTIONAL;
    }

    private final long rank;
    private final MigrationVersion version;
    private final String description;
    private final String type;
    private final HistoryEvent event;
    private final String checksum;
    private final String installedBy;
    private final Instant installedOn;
    private final long executionTimeMillis;
    private final String error;
    private final String application;

    /**
     * Creates a row to write ({@link HistoryTable#append} records its own application) or one read
     * without the application; {@code checksum} and {@code error} may be null.
     */
    public HistoryRow(long rank, MigrationVersion version, String description, String type, HistoryEvent event, String checksum,
            String installedBy, Instant installedOn, long executionTimeMillis, String error) {
        this(rank, version, description, type, event, checksum, installedBy, installedOn, executionTimeMillis, error,
                null);
    }

    /** Creates a row as read, with the application that wrote it (null: unknown, see {@link #application()}). */
    public HistoryRow(long rank, MigrationVersion version, String description, String type, HistoryEvent event, String checksum,
            String installedBy, Instant installedOn, long executionTimeMillis, String error, String application) {
        this.application = application;
        this.rank = rank;
        this.version = version;
        this.description = description;
        this.type = type;
        this.event = event;
        this.checksum = checksum;
        this.installedBy = installedBy;
        this.installedOn = installedOn;
        this.executionTimeMillis = executionTimeMillis;
        this.error = error;
    }

    /** The row's position in the audit trail ({@code installed_rank}); 0 for a row not yet written. */
    public long rank() {
        return rank;
    }

    /** The migration's version. */
    public MigrationVersion version() {
        return version;
    }

    /**
     * The migration's description when the row was written; in the lean mode, read only for a row
     * another application wrote (to name its migrations), else null.
     */
    public String description() {
        return description;
    }

    /** One of the {@code TYPE_} constants, see {@link #typeOf}; in the lean mode only read for failures. */
    public String type() {
        return type;
    }

    /** Whether the migration ran outside a transaction. */
    public boolean nonTransactional() {
        return TYPE_JAVA_NON_TRANSACTIONAL.equals(type) || TYPE_SQL_NON_TRANSACTIONAL.equals(type);
    }

    /**
     * Whether the row is a repeatable migration's: version 0 (versioned migrations have positive
     * versions) and not a verification. Its description names the repeatable migration.
     */
    public boolean isRepeatable() {
        return event != HistoryEvent.VERIFIED && version.isWhole() && version.asLong() == 0;
    }

    /** What happened. */
    public HistoryEvent event() {
        return event;
    }

    /** The checksum recorded with the row; null if none. */
    public String checksum() {
        return checksum;
    }

    /** Who wrote the row; null when read in the lean mode. */
    public String installedBy() {
        return installedBy;
    }

    /** When the row was written; null when read in the lean mode. */
    public Instant installedOn() {
        return installedOn;
    }

    /** How long the migration took, in milliseconds. */
    public long executionTimeMillis() {
        return executionTimeMillis;
    }

    /** The failure, for failed events; null otherwise. */
    public String error() {
        return error;
    }

    /**
     * The application (registry) that wrote the row; null when unknown: written by a Cairn version
     * that did not record it, or by a registry without a stable name.
     */
    public String application() {
        return application;
    }

    /** Whether this failure may have left part of the migration's work committed, so that it waits for repair. */
    public boolean mayBePartlyApplied() {
        return nonTransactional() || (error != null
                && (error.startsWith(ENDED_TRANSACTION) || error.startsWith(IMPLICIT_COMMIT)));
    }
}
