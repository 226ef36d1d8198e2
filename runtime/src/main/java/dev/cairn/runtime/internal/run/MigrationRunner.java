package dev.cairn.runtime.internal.run;

import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.CairnException;
import dev.cairn.runtime.ExecutedMigration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.LockTimeoutException;
import dev.cairn.runtime.MigrationContext;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationFailedException;
import dev.cairn.runtime.internal.ApiValues;
import dev.cairn.runtime.internal.Failures;
import dev.cairn.runtime.internal.MigratorConfig;
import dev.cairn.runtime.internal.dialect.Dialect;
import dev.cairn.runtime.internal.history.HistoryEvent;
import dev.cairn.runtime.internal.history.HistoryRow;
import dev.cairn.runtime.internal.history.HistoryTable;
import dev.cairn.runtime.internal.sql.Placeholders;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs migrations on a locked connection: each one and its history row as one unit of work (a
 * transaction of its own, except in SQLite in memory), the failure recorded in a unit of its own,
 * listeners told before and after. The session state a migration may change (PostgreSQL's
 * {@code search_path}, see {@link Dialect#restoreSession}) is put back in the unit that records
 * it, so the next migration sees the session the first one saw.
 */
public final class MigrationRunner {

    private static final System.Logger LOG = System.getLogger("dev.cairn");
    /** Where failed migrations are reported: {@code dev.cairn.failure}, documented in the README. */
    private static final System.Logger FAILURE_LOG = System.getLogger("dev.cairn.failure");
    /** The error of the row that marks a non-transactional migration as running (see recordInterruptionMarker). */
    public static final String INTERRUPTED = "interrupted: the process stopped (killed, crashed or lost its connection) "
            + "while this transactional = false migration ran";
    /**
     * The error of the row that marks a transactional migration as running on a database whose DDL
     * commits implicitly ({@link Dialect#commitsImplicitly()}): if the run is cut off, part of its
     * work may be committed, so it waits for repair (see {@link HistoryRow#mayBePartlyApplied()}).
     */
    public static final String INTERRUPTED_IMPLICIT_COMMIT = HistoryRow.IMPLICIT_COMMIT + "interrupted: the process "
            + "stopped (killed, crashed or lost its connection) while this migration ran";

    private final MigratorConfig config;
    private final Connection connection;
    private final Dialect dialect;
    private final HistoryTable table;
    private final String installedBy;
    final Listeners listeners;
    private final Placeholders placeholders;
    /** The session state as the run found it ({@link Dialect#sessionState}), or null. */
    private final String session;
    private boolean historyMayHaveChanged;
    /** Whether the current migration's own code has run (so that a later failure says so). */
    private boolean ran;
    /** Whether the current migration's code succeeded and Cairn is recording (and committing) it. */
    private boolean recording;

    public MigrationRunner(MigratorConfig config, Connection connection, Dialect dialect, HistoryTable table,
            String installedBy) throws SQLException {
        this.config = config;
        this.connection = connection;
        this.dialect = dialect;
        this.table = table;
        this.installedBy = installedBy;
        this.listeners = new Listeners(config.listeners());
        this.session = dialect.sessionState(connection);
        this.placeholders = Placeholders.of(config.placeholders(), config.placeholderReplacement())
                .withBuiltIns(this::builtIn);
    }

    /** The run's placeholders: the configured values and Flyway's built-ins, for its SQL scripts. */
    public Placeholders placeholders() {
        return placeholders;
    }

    /**
     * Flyway's built-in placeholders, which ported scripts use; computed when a script asks, since
     * some drivers answer the catalog with a query.
     */
    private String builtIn(String name) {
        try {
            switch (name) {
                case "flyway:defaultSchema":
                    return table.schema() == null ? "main" : table.schema();
                case "flyway:user":
                    return connection.getMetaData().getUserName();
                case "flyway:database":
                    String catalog = connection.getCatalog();
                    return catalog == null ? "main" : catalog;
                case "flyway:timestamp":
                    return java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).withNano(0).toString().replace('T', ' ');
                case "flyway:table":
                    return table.table();
                default:
                    return null;
            }
        } catch (SQLException e) {
            throw new CairnException("Cairn could not read the value of the placeholder ${" + name + "} from the "
                    + "connection (" + Failures.describe(e) + "). Nothing was run. Give it a value with "
                    + "Migrator.Builder.placeholder(\"" + name + "\", ...) and run again.", e);
        }
    }

    /**
     * Whether, since the last call, a non-transactional migration gave up the lock for a while so
     * that another instance may have changed the history.
     */
    public boolean takeHistoryMayHaveChanged() {
        boolean changed = historyMayHaveChanged;
        historyMayHaveChanged = false;
        return changed;
    }

    /** Applies one migration: {@code up}, then {@code verify}, then its history row. */
    public ExecutedMigration apply(MigrationDescriptor migration) throws SQLException {
        return run(migration, true);
    }

    /**
     * Applies one migration; a batched one batch by batch ({@link BatchRun}), resuming after its
     * checkpoint.
     *
     * @param batchDeadline {@code System.nanoTime()} after which a batched migration starts no new
     *     batch, or null for no limit
     * @return the migration as executed, or null when the deadline left a batched migration in progress
     */
    public ExecutedMigration apply(MigrationDescriptor migration, Long batchDeadline) throws SQLException {
        if (!migration.batched()) {
            return apply(migration);
        }
        ran = true;
        recording = false;
        try {
            return new BatchRun(this, config, connection, dialect, table, migration).run(batchDeadline);
        } catch (SQLException e) {
            if (connectionLostIn(e) != null) {
                throw connectionLost(migration, true, e);
            }
            throw new CairnException(named(migration) + "is batched, and Cairn could not record its progress in "
                    + (table.batches() == null ? table.name() : table.batches().name()) + " or " + table.name() + " ("
                    + Failures.describe(e) + "). Its committed batches stay, and the checkpoint names the last of "
                    + "them; the batch that was running was rolled back. " + whatToDo(e, true), e);
        } catch (LockTimeoutException e) {
            throw ApiValues.get().lockTimeout(named(migration) + "(batched): " + e.getMessage(), e);
        }
    }

    /** Undoes one migration: {@code down}, then its history row. */
    public ExecutedMigration rollback(MigrationDescriptor migration) throws SQLException {
        return run(migration, false);
    }

    /** Applies all migrations in one unit of work: if one fails, none of them stays. */
    public List<ExecutedMigration> applyAllOrNothing(List<MigrationDescriptor> migrations) throws SQLException {
        if (dialect.commitsImplicitly()) {
            throw new CairnException("singleTransaction cannot make a run all-or-nothing on " + dialect.name()
                    + ": it commits every DDL statement (CREATE, ALTER, DROP, ...) implicitly, so no transaction can "
                    + "hold several migrations. Nothing was applied. Turn singleTransaction off: each migration is "
                    + "then recorded on its own, and one that fails after a DDL statement waits for repair.");
        }
        for (MigrationDescriptor migration : migrations) {
            if (!migration.transactional()) {
                throw new CairnException("Migration " + migration.version() + " (" + migration.className()
                        + ") is declared transactional = false, so it cannot run in singleTransaction mode. Nothing "
                        + "was applied. Turn singleTransaction off, or apply it first with migrate("
                        + migration.version() + ") without singleTransaction.");
            }
        }
        for (MigrationDescriptor migration : migrations) {
            if (migration.batched() && table.batches() != null
                    && table.batches().read(connection, migration.version()) != null) {
                throw new CairnException(label(migration) + " is a batched migration in progress: some of its batches "
                        + "are committed, so singleTransaction cannot run it from its start in one transaction. Nothing "
                        + "was applied. Turn singleTransaction off for this run: migrate then resumes it after its last "
                        + "committed batch.");
            }
        }
        List<ExecutedMigration> executed = new ArrayList<>();
        dialect.beginUnit(connection);
        for (MigrationDescriptor migration : migrations) {
            notifyBefore(migration);
            dialect.markUnit(connection);
            long start = System.nanoTime();
            Throwable failure = null;
            String phase = "up()";
            try {
                JavaMigration instance = migration.newInstance();
                MigrationContext context = context(migration);
                instance.up(context);
                phase = "verify()";
                instance.verify(context);
            } catch (Exception | AssertionError | LinkageError e) {
                failure = e;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            Dialect.UnitState state = dialect.unitState(connection);
            boolean ended = state == Dialect.UnitState.ENDED;
            if (state == Dialect.UnitState.ABORTED && failure == null) {
                phase = "up()";
                failure = abortedUnit(phase);
            }
            if (ended) {
                dialect.discardEndedUnit(connection);
                if (rolledBackByDatabase(failure) == null) {
                    throw endedTransaction(migration, true, phase, took, failure, "The migrations of this run before "
                            + "it (singleTransaction) were in that transaction too, so they may be committed without "
                            + "their history rows. ");
                }
            }
            if (failure != null) {
                if (!ended) {
                    dialect.rollbackUnit(connection);
                }
                recordFailure(migration, HistoryEvent.APPLY_FAILED, took, failure);
                throw failed(migration, phase, failure, "All " + migrations.size() + " migrations of this run were "
                        + "rolled back together (singleTransaction), so the database is as it was before the run. "
                        + "Fix the migration and run migrate again.");
            }
            try {
                appendAfterRun(migration, row(migration, HistoryEvent.APPLY, took, null));
            } catch (SQLException e) {
                ran = true;
                throw bookkeepingFailed(migration, true, e, Integer.toString(migrations.size()));
            }
            executed.add(ApiValues.get().executed(migration, took));
        }
        try {
            dialect.commitUnit(connection);
        } catch (SQLException e) {
            throw runCommitFailed(migrations, e);
        }
        for (ExecutedMigration done : executed) {
            notifyAfter(done.migration(), done.executionTime(), "Applied");
        }
        return executed;
    }

    /**
     * The one COMMIT of a singleTransaction run failed (a deferred constraint, a busy SQLite): the
     * database rolled the whole run back. No failure row is written, since the database does not
     * say which migration of the run tripped it; its message (the constraint's name) does.
     */
    private CairnException runCommitFailed(List<MigrationDescriptor> migrations, SQLException e) {
        List<MigrationVersion> versions = new ArrayList<>();
        for (MigrationDescriptor migration : migrations) {
            versions.add(migration.version());
        }
        String what = "The COMMIT of this run's " + migrations.size() + " migrations " + versions
                + " (singleTransaction) failed (" + Failures.describe(e) + "), so the database rolled all of them "
                + "back together: the database is as it was before the run, and no failure row was written. ";
        if (connectionLostIn(e) != null) {
            return new CairnException(what + "The connection to the database was lost: check the database server and "
                    + "the network, then run migrate again.", e);
        }
        if (dialect.isLockContention(e)) {
            return ApiValues.get().lockTimeout(what + "Another connection held a lock on the database for longer than "
                    + "the lock timeout (" + config.lockTimeout().toMillis() + " ms): stop the application's own long "
                    + "reads and writes while migrating, or raise Migrator.Builder.lockTimeout, then run migrate again.",
                    e);
        }
        return new CairnException(what + "Fix the migration the database's message points at (a deferred constraint "
                + "is checked only at COMMIT) and run migrate again.", e);
    }

    /**
     * Runs one migration and names it in every failure: a failure of Cairn's own bookkeeping
     * around it (its transaction, its history row) says which migration, whether it ran, and what
     * to do.
     */
    private ExecutedMigration run(MigrationDescriptor migration, boolean up) throws SQLException {
        ran = false;
        recording = false;
        try {
            return runUnit(migration, up);
        } catch (SQLException e) {
            throw bookkeepingFailed(migration, up, e, null);
        } catch (LockTimeoutException e) {
            throw ApiValues.get().lockTimeout(named(migration) + (ran ? "ran, but " : "was not run: ") + e.getMessage(),
                    e);
        }
    }

    private CairnException bookkeepingFailed(MigrationDescriptor migration, boolean up, SQLException e,
            String singleTransactionCount) {
        String what = up ? "it" : "its rollback";
        String cause = " (" + Failures.describe(e) + "). ";
        if (ran && connectionLostIn(e) != null) {
            return connectionLost(migration, up, e);
        }
        if (!ran) {
            return new CairnException(named(migration) + "was not run: Cairn could not start its transaction" + cause
                    + "Nothing of it is in the database. Find the cause (often another connection holding the "
                    + "database) and run " + (up ? "migrate" : "rollback") + " again.", e);
        }
        String fix = whatToDo(e, up);
        String next;
        if (singleTransactionCount != null) {
            next = "All " + singleTransactionCount + " migrations of this run were rolled back together "
                    + "(singleTransaction). " + fix;
        } else if (migration.transactional() && dialect.commitsImplicitly()) {
            String again = up ? "run migrate again." : "run rollback again.";
            next = dialect.name() + " commits DDL implicitly, so its work up to its last DDL statement may be in the "
                    + "database, and the history marks it as interrupted: migrate refuses until repair. "
                    + fix.replace(again, "check the database, finish or undo its work by hand, call repair() and "
                            + again);
        } else if (migration.transactional()) {
            next = (up ? "Its changes were rolled back with the transaction; migrations before it stay applied. "
                    : "Its down() changes were rolled back, so it is still applied. ") + fix;
        } else {
            next = "It is declared transactional = false, so its work is in the database but not in the history. "
                    + "Check the database; " + (up ? "if its work is complete, record it with baseline("
                    + migration.version() + "), otherwise undo it and run migrate again."
                    : "undo or redo its down() by hand so that the database matches the history.");
        }
        return new CairnException(named(migration) + "ran, but Cairn could not record " + what + " in the history "
                + "table " + table.name() + cause + next, e);
    }

    /**
     * What to do after the history row or the commit failed, from what the database said: only a
     * refusal by the database (permission, read-only) is blamed on permissions.
     */
    private String whatToDo(SQLException e, boolean up) {
        String again = up ? "run migrate again." : "run rollback again.";
        if (dialect.isLockContention(e)) {
            return "Another connection held a lock on the database for longer than the lock timeout ("
                    + config.lockTimeout().toMillis() + " ms), for example a long read or write of the application's "
                    + "own: stop it while migrating, or raise Migrator.Builder.lockTimeout, then " + again;
        }
        if (dialect.isMissingTable(e)) {
            // A table missing now was there when the run started (the locked path created it): a
            // migration dropped or renamed it, which no permission would fix.
            return "The history table " + table.name() + " was gone when Cairn recorded it: check that no "
                    + "migration drops or renames it, then " + again;
        }
        if (isPermissionDenied(e)) {
            return "Check that the database user may write " + table.name() + ", then " + again;
        }
        return "Fix what the database reports above, then " + again;
    }

    /**
     * Whether the database refused for lack of a right, anywhere in the chain: PostgreSQL's
     * 42501 or class 28, SQLite's SQLITE_PERM, SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_AUTH.
     */
    /**
     * Whether a statement of the migration gave up waiting for a lock, which the dialect bounds by
     * the lock timeout (PostgreSQL's lock_timeout, MariaDB's lock wait timeouts, SQLite's busy timeout).
     */
    boolean lockWaitTimedOut(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException && dialect.isLockContention((SQLException) cause)) {
                return true;
            }
        }
        return false;
    }

    private boolean isPermissionDenied(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException && dialect.isPermissionDenied((SQLException) cause)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** The failure (or one of its causes) that says the connection is gone, or null. */
    SQLException connectionLostIn(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException && dialect.isConnectionLost((SQLException) cause)) {
                return (SQLException) cause;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    /**
     * The connection died while the migration ran or while Cairn recorded it, so neither its
     * outcome nor a failure row could be written: say so instead of blaming the history table's
     * permissions. The server rolls back the open transaction of a session it ends.
     */
    MigrationFailedException connectionLost(MigrationDescriptor migration, boolean up, Throwable e) {
        String when = recording
                ? "ran to its end, but the connection to the database was lost while Cairn recorded it"
                : "failed: the connection to the database was lost while it ran";
        String next = migration.transactional() && dialect.commitsImplicitly()
                ? "The database rolled back its open transaction, but " + dialect.name() + " commits every DDL "
                        + "statement implicitly, so its work up to its last DDL statement may be in the database; the "
                        + "history marks it as interrupted: migrate refuses until repair. Check the database, finish "
                        + "or undo its work by hand, then call repair() and run " + (up ? "migrate" : "rollback")
                        + " again."
                : migration.transactional()
                ? "The server rolled back the open transaction when the connection ended, so none of its changes "
                        + "stayed and no history row was written; "
                        + (up ? "migrations applied before it stay applied. " : "it is still applied. ")
                        + "Check the database server and the network (an administrator, pg_terminate_backend, a "
                        + "restart or a timeout ends sessions), then run " + (up ? "migrate" : "rollback") + " again."
                : "It is declared transactional = false, so its work up to the loss is in the database, and the "
                        + "history marks it as interrupted: migrate refuses until repair. Check the database, finish "
                        + "or undo its work by hand, then call repair() and run " + (up ? "migrate" : "rollback")
                        + " again.";
        return ApiValues.get().migrationFailed(migration.version(), migration.className(), named(migration)
                + when + " (" + Failures.describe(e) + "). " + next, e);
    }

    static String named(MigrationDescriptor migration) {
        return label(migration) + " ";
    }

    /**
     * How messages name a migration: {@code Migration 3 (com.example.V3)}, or for a repeatable one,
     * which has no version, {@code Repeatable migration shop window (db/R__shop_window.sql)}.
     */
    static String label(MigrationDescriptor migration) {
        return (migration.repeatable() ? "Repeatable migration " + migration.description()
                : "Migration " + migration.version()) + " (" + migration.className() + ")";
    }

    private ExecutedMigration runUnit(MigrationDescriptor migration, boolean up) throws SQLException {
        notifyBefore(migration);
        boolean transactional = migration.transactional();
        // Where DDL commits implicitly, a transactional migration may commit part of its work before it
        // ends: a marker committed first stays if the run is cut off, so that it waits for repair.
        boolean guarded = transactional && dialect.commitsImplicitly();
        if (transactional) {
            if (guarded) {
                recordInterruptionMarker(migration, up, INTERRUPTED_IMPLICIT_COMMIT);
            }
            dialect.beginUnit(connection);
            dialect.markUnit(connection);
        } else {
            recordInterruptionMarker(migration, up, INTERRUPTED);
            dialect.suspendForNonTransactional(connection);
        }
        long start = System.nanoTime();
        Throwable failure = null;
        String phase = up ? "up()" : "down()";
        try {
            JavaMigration instance = migration.newInstance();
            MigrationContext context = context(migration);
            if (up) {
                instance.up(context);
                phase = "verify()";
                instance.verify(context);
            } else {
                instance.down(context);
            }
        } catch (Exception | AssertionError | LinkageError e) {
            failure = e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        ran = true;
        recording = failure == null; // from here on, a lost connection is lost while Cairn records it
        if (failure != null && connectionLostIn(failure) != null) {
            // Nothing more can be done on this connection: no rollback, no failure row.
            throw connectionLost(migration, up, failure);
        }
        boolean databaseRolledBack = false;
        // Whether a statement of a guarded migration committed (its DDL), so that a failure leaves it partly applied.
        boolean partlyCommitted = false;
        Dialect.UnitState state = Dialect.UnitState.OPEN;
        // Where the dialect can, a migration that returned normally gets its history row first, and the
        // check that it left its transaction intact travels with the COMMIT (PostgreSQL: a round trip less).
        boolean checkAtCommit = transactional && failure == null && !guarded && dialect.checksUnitAtCommit();
        boolean rowAppended = false;
        if (checkAtCommit) {
            try {
                if (connection.getAutoCommit()) {
                    state = Dialect.UnitState.ENDED; // switched on behind Cairn's back: the driver committed
                } else {
                    appendAfterRun(migration, row(migration, up ? HistoryEvent.APPLY : HistoryEvent.ROLLBACK, took,
                            null));
                    rowAppended = true;
                }
            } catch (SQLException e) {
                state = dialect.unitStateAfter(connection, e);
            }
        } else if (transactional) {
            state = dialect.unitState(connection);
        }
        boolean ended = state == Dialect.UnitState.ENDED;
        if (state == Dialect.UnitState.ABORTED && failure == null) {
            phase = up ? "up()" : "down()";
            failure = abortedUnit(phase);
        }
        if (ended && guarded) {
            partlyCommitted = true;
            if (failure != null) {
                dialect.discardEndedUnit(connection); // what ran after the last implicit commit
            } else if (connection.getAutoCommit()) {
                connection.setAutoCommit(false);
            }
            // On success, its DML after the last DDL statement is still open and commits with the history row.
        } else if (ended) {
            dialect.discardEndedUnit(connection);
            databaseRolledBack = rolledBackByDatabase(failure) != null;
            if (!databaseRolledBack) {
                throw endedTransaction(migration, up, phase, took, failure, "");
            }
        }
        if (!transactional) {
            failure = restoreAutoCommit(failure);
        }
        if (failure == null) {
            if (!transactional) {
                // The migration ran in auto-commit; its history row gets a unit of its own.
                resume();
                dialect.beginUnit(connection);
            }
            if (!rowAppended) {
                // First, so that the session is put back (a role the migration set) before the marker is deleted.
                appendAfterRun(migration, row(migration, up ? HistoryEvent.APPLY : HistoryEvent.ROLLBACK, took, null));
            }
            deleteInterruptionMarker(migration);
            if (transactional) {
                commitOrRecordFailure(migration, up, took, checkAtCommit ? phase : null);
            } else {
                dialect.commitUnit(connection); // only the row: a failure here is Cairn's bookkeeping
            }
            notifyAfter(migration, took, up ? "Applied" : "Rolled back");
            return ApiValues.get().executed(migration, took);
        }
        if (databaseRolledBack || partlyCommitted) {
            // Nothing is open any more: the database ended the transaction itself, or it was discarded above.
        } else if (transactional) {
            dialect.rollbackUnit(connection);
        } else {
            resume();
        }
        String consequence;
        if (partlyCommitted) {
            consequence = dialect.name() + " commits every DDL statement (CREATE, ALTER, DROP, ...) implicitly, and a "
                    + "statement of this migration committed before it failed, so it may be partly applied: what ran "
                    + "before that commit stays, what ran after it was rolled back (the error above names the "
                    + "statement it reached). The history records it as failed, so migrate refuses until repair. "
                    + "Check the database and finish or undo its work by hand, then call repair() and run "
                    + (up ? "migrate" : "rollback") + " again.";
        } else if (databaseRolledBack) {
            consequence = "The database rolled the whole transaction back itself on this error, so its changes "
                    + (up ? "and its history row were rolled back; migrations applied before it stay applied and later "
                    + "ones were not run. The failure is recorded in the history table. Fix the migration (or the "
                    + "cause the database reports) and run migrate again."
                    : "were rolled back, so it is still applied. Fix the cause the database reports and run rollback "
                    + "again.");
        } else if (!transactional) {
            consequence = "It is declared transactional = false, so it ran outside a transaction and may be partly "
                    + "applied. Check the database and finish or undo its work by hand, then call repair() and run "
                    + (up ? "migrate" : "rollback") + " again; until then migrate refuses to run.";
        } else if (up) {
            consequence = "Its changes and its history row were rolled back; migrations applied before it stay applied "
                    + "and later ones were not run. The failure is recorded in the history table. Fix the migration "
                    + "(or the data it trips over) and run migrate again.";
        } else {
            consequence = "Its changes were rolled back, so it is still applied; migrations rolled back before it stay "
                    + "rolled back. Fix its down() and run rollback again.";
        }
        try {
            recordFailure(migration, up ? HistoryEvent.APPLY_FAILED : HistoryEvent.ROLLBACK_FAILED, took, failure,
                    partlyCommitted ? HistoryRow.IMPLICIT_COMMIT + "it failed after a statement committed: "
                            + Failures.describe(failure) : Failures.describe(failure));
        } catch (SQLException recordFailure) {
            failure.addSuppressed(recordFailure);
            consequence = "Cairn could not record the failure in the history table " + table.name() + " either ("
                    + Failures.describe(recordFailure) + "). "
                    + consequence.replace(" The failure is recorded in the history table.", "");
        }
        if (lockWaitTimedOut(failure)) {
            consequence += " It waited for a lock longer than the lock timeout (" + config.lockTimeout().toMillis()
                    + " ms): Cairn bounds every lock wait of a run by Migrator.Builder.lockTimeout, so that no statement "
                    + "queues behind a long transaction of the application's and holds up its queries meanwhile. Run "
                    + (up ? "migrate" : "rollback") + " again when that transaction is done, or raise lockTimeout.";
        }
        if (transactional && Failures.refusedInTransaction(failure)) {
            consequence += " The database cannot run that statement inside a transaction: declare the migration "
                    + "transactional = false (in a script, a '-- transactional: false' header at its top; in "
                    + "@Migration or @SqlMigration, transactional = false), with only the statements that need it.";
        }
        throw failed(migration, phase, failure, consequence);
    }

    /**
     * Commits a transactional migration's unit. The database checks at COMMIT what it deferred
     * (a {@code DEFERRABLE INITIALLY DEFERRED} constraint) and may not get the locks it needs
     * (SQLite's {@code SQLITE_BUSY} while a reader holds the database), so a failed COMMIT is the
     * migration's failure: the unit is rolled back (by the database, or by the dialect), the
     * failure is recorded like any other, and the message keeps the database's own words. Only a
     * lost connection is told apart, since then nothing can be recorded.
     *
     * @param checkedPhase where the migration's code ended, when the COMMIT also tells whether it
     *     ended the transaction ({@link Dialect#checksUnitAtCommit}); null for a plain COMMIT
     */
    private void commitOrRecordFailure(MigrationDescriptor migration, boolean up, Duration took, String checkedPhase)
            throws SQLException {
        try {
            if (checkedPhase == null) {
                dialect.commitUnit(connection);
                return;
            }
            if (dialect.commitCheckedUnit(connection) == Dialect.UnitState.OPEN) {
                return;
            }
        } catch (SQLException commitFailure) {
            if (connectionLostIn(commitFailure) != null) {
                throw commitFailure; // run() reports the lost connection
            }
            String recorded = " The failure is recorded in the history table.";
            try {
                recordFailure(migration, up ? HistoryEvent.APPLY_FAILED : HistoryEvent.ROLLBACK_FAILED, took,
                        commitFailure, "COMMIT failed: " + Failures.describe(commitFailure));
            } catch (SQLException | CairnException notRecorded) {
                commitFailure.addSuppressed(notRecorded);
                recorded = " Cairn could not record the failure in the history table " + table.name() + " either ("
                        + describe(notRecorded) + ").";
            }
            String rolledBack = up
                    ? "Its changes and its history row were rolled back; migrations applied before it stay applied "
                            + "and later ones were not run." + recorded
                    : "Its down() changes were rolled back, so it is still applied." + recorded;
            if (dialect.isLockContention(commitFailure)) {
                // run() names the migration.
                throw ApiValues.get().lockTimeout("its COMMIT failed: another connection held a lock on the "
                        + "database for longer than the lock timeout (" + config.lockTimeout().toMillis() + " ms) ("
                        + Failures.describe(commitFailure) + "). " + rolledBack + " A long read or write of the "
                        + "application's own holds the database (in SQLite's rollback-journal mode a reader blocks "
                        + "every COMMIT): stop it while migrating, or raise Migrator.Builder.lockTimeout, then run "
                        + (up ? "migrate" : "rollback") + " again.", commitFailure);
            }
            throw failed(migration, "its COMMIT", commitFailure, "The database refused to commit the transaction it ran in. "
                    + rolledBack + " Fix the migration (or the data it trips over) and run " + (up ? "migrate"
                    : "rollback") + " again.");
        }
        // The migration ended the transaction: its history row went into the one the driver began after.
        dialect.discardEndedUnit(connection);
        throw endedTransaction(migration, up, checkedPhase, took, null, "");
    }

    private static String describe(Throwable failure) {
        return failure instanceof CairnException ? failure.getMessage() : Failures.describe(failure);
    }

    /**
     * Before a non-transactional migration runs (or, where DDL commits implicitly, any migration:
     * {@code marker} is then {@link #INTERRUPTED_IMPLICIT_COMMIT}), commits a failure row saying it was interrupted;
     * the unit that records how it ended deletes it. If the process dies in between (killed,
     * crashed, connection lost), the row stays, and since the migration's auto-committed work may
     * be partial, migrate refuses ({@link PendingRepairException}) until repair, instead of running
     * it again on top of what it left.
     */
    private void recordInterruptionMarker(MigrationDescriptor migration, boolean up, String marker)
            throws SQLException {
        dialect.beginUnit(connection);
        table.append(connection, row(migration, up ? HistoryEvent.APPLY_FAILED : HistoryEvent.ROLLBACK_FAILED,
                Duration.ZERO, marker));
        dialect.commitUnit(connection);
    }

    /**
     * In the unit that records how a migration ended, deletes the marker
     * {@link #recordInterruptionMarker} committed before it ran, if it had one: a non-transactional
     * migration's, or, where DDL commits implicitly, any migration's.
     */
    private void deleteInterruptionMarker(MigrationDescriptor migration) throws SQLException {
        if (!migration.transactional()) {
            table.deleteFailure(connection, migration.version(), INTERRUPTED);
        } else if (dialect.commitsImplicitly()) {
            table.deleteFailure(connection, migration.version(), INTERRUPTED_IMPLICIT_COMMIT);
        }
    }

    /**
     * Appends the row that records how a migration's code ended and, in the same unit, puts back
     * the session state the run began with, if the code changed it. On PostgreSQL that happens in
     * the insert's round trip and before it, so that the row is not written as a role the
     * migration set; elsewhere after it, at the cost of reading the state (MariaDB Connector/J
     * knows it without a query).
     */
    void appendAfterRun(MigrationDescriptor migration, HistoryRow row) throws SQLException {
        if (session != null && table.restoresSessionWithAppend()) {
            String left = table.appendRestoringSession(connection, row, session);
            if (!session.equals(left)) {
                LOG.log(Level.DEBUG, "Migration {0} changed the session''s state to {1}; restored {2}", migration,
                        left, session);
            }
            return;
        }
        table.append(connection, row);
        String now = session == null ? null : dialect.sessionState(connection);
        if (now != null && !session.equals(now)) {
            LOG.log(Level.DEBUG, "Migration {0} changed the session''s state (schema, database) to {1}; restoring {2}",
                    migration, now, session);
            dialect.restoreSession(connection, session);
        }
    }

    private void resume() throws SQLException {
        if (dialect.resumeAfterNonTransactional(connection, table.name(), config.lockTimeout())) {
            historyMayHaveChanged = true;
        }
    }

    private void recordFailure(MigrationDescriptor migration, HistoryEvent event, Duration took, Throwable failure)
            throws SQLException {
        recordFailure(migration, event, took, failure, Failures.describe(failure));
    }

    void recordFailure(MigrationDescriptor migration, HistoryEvent event, Duration took, Throwable failure,
            String error) throws SQLException {
        dialect.beginUnit(connection);
        // The row first, so that the session is put back (a role the migration set) before the marker is deleted.
        appendAfterRun(migration, row(migration, event, took, error));
        deleteInterruptionMarker(migration);
        dialect.commitUnit(connection);
        logFailure(migration, failure);
        listeners.failed(migration, failure);
    }

    /**
     * One line per failure, on its own logger so that an application which reports the exception
     * itself (the CLI does) can silence it; the stack trace only at DEBUG, because the exception
     * thrown to the caller carries it too.
     */
    static void logFailure(MigrationDescriptor migration, Throwable failure) {
        String message = "Migration " + migration + " (" + migration.className() + ") failed: "
                + Failures.describe(failure);
        FAILURE_LOG.log(Level.ERROR, message);
        if (FAILURE_LOG.isLoggable(Level.DEBUG)) {
            FAILURE_LOG.log(Level.DEBUG, "Stack trace of migration " + migration.version() + "'s failure", failure);
        }
    }

    /**
     * A non-transactional migration may have switched auto-commit off to commit in batches: what
     * it left uncommitted is committed when it succeeded and rolled back when it failed, and
     * auto-commit is switched back on. Returns the migration's failure, or this step's own.
     */
    private Throwable restoreAutoCommit(Throwable failure) {
        try {
            if (!connection.getAutoCommit()) {
                if (failure != null) {
                    connection.rollback();
                }
                connection.setAutoCommit(true); // commits what is open
            }
        } catch (SQLException e) {
            if (failure == null) {
                return e;
            }
            failure.addSuppressed(e);
        }
        return failure;
    }

    /** The context a migration receives, on a connection that refuses to end Cairn's transaction. */
    MigrationContext context(MigrationDescriptor migration) {
        return new DefaultMigrationContext(new MigrationConnection(connection, migration,
                "SQLite".equals(dialect.name())), migration, listeners, placeholders);
    }

    /**
     * The SQL error in the migration's failure (or its causes) after which the database rolled
     * back the whole transaction itself, or null: then nothing of the migration stays, as in any
     * failure. A transaction that ended without one was ended by the migration.
     */
    SQLException rolledBackByDatabase(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException && dialect.rollsBackTransaction((SQLException) cause)) {
                return (SQLException) cause;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    /**
     * The migration ended the transaction Cairn ran it in (a {@code COMMIT}, {@code END} or
     * {@code ROLLBACK} in its own SQL; the connection it was given refuses the JDBC calls), so
     * part of its work may be committed: records a failure that waits for repair, like a failed
     * non-transactional migration, and says what happened.
     */
    MigrationFailedException endedTransaction(MigrationDescriptor migration, boolean up, String phase,
            Duration took, Throwable failure, String alsoCommitted) {
        String what = "a COMMIT, END or ROLLBACK in its own SQL (or a call on the driver's connection behind the one "
                + "Cairn gave it) ended it while the migration ran" + (failure == null ? ""
                : ", and then it failed in " + phase + ": " + Failures.describe(failure));
        String recorded = "The history records it as failed, so migrate refuses to continue until repair.";
        SQLException notRecorded = null;
        try {
            recordFailure(migration, up ? HistoryEvent.APPLY_FAILED : HistoryEvent.ROLLBACK_FAILED, took,
                    failure != null ? failure : new CairnException(named(migration) + HistoryRow.ENDED_TRANSACTION
                            + what, null), HistoryRow.ENDED_TRANSACTION + what);
        } catch (SQLException e) {
            notRecorded = e;
            recorded = "Cairn could not record this in the history table " + table.name() + " either ("
                    + Failures.describe(e) + "), so migrate would run it again: check the database before you do.";
        }
        MigrationFailedException error = ApiValues.get().migrationFailed(migration.version(), migration.className(),
                named(migration) + HistoryRow.ENDED_TRANSACTION + what + ". Cairn cannot tell which of its changes "
                        + "stayed: what it did before that may be committed, and what it did after ran outside "
                        + "Cairn's transaction. " + alsoCommitted + recorded + " Check the database, finish or undo "
                        + "its work by hand, then call repair() and run " + (up ? "migrate" : "rollback") + " again. "
                        + "Remove the transaction control from the migration (savepoints are allowed), or declare it "
                        + "transactional = false.", failure);
        if (notRecorded != null) {
            error.addSuppressed(notRecorded);
        }
        return error;
    }

    /**
     * The failure of a migration that returned normally although the database had aborted its
     * transaction ({@link Dialect.UnitState#ABORTED}): it caught a statement's error and went on, and
     * the database refused everything after it. Recorded as applied, its missing work would pass for
     * done.
     */
    SQLException abortedUnit(String phase) {
        return new SQLException(dialect.name() + " aborted the migration's transaction: a statement failed in "
                + phase + " and the migration caught the SQLException and went on, so the database refused every "
                + "statement after it and none of the migration's work can commit. Let the SQLException propagate, "
                + "or run a statement that may fail inside a savepoint of its own (Connection.setSavepoint() before "
                + "it, rollback(savepoint) when it fails), so that the rest of the migration still counts",
                "25P02");
    }

    MigrationFailedException failed(MigrationDescriptor migration, String phase, Throwable failure,
            String consequence) {
        return ApiValues.get().migrationFailed(migration.version(), migration.className(), label(migration)
                + " failed in " + phase + ": "
                + Failures.describe(failure) + ". " + consequence, failure);
    }

    public HistoryRow row(MigrationDescriptor migration, HistoryEvent event, Duration took, String error) {
        return new HistoryRow(0, migration.version(), migration.description(),
                migration.repeatable() ? HistoryRow.TYPE_SQL_REPEATABLE
                        : HistoryRow.typeOf(migration.script().isPresent(), migration.transactional()), event,
                event == HistoryEvent.ROLLBACK ? null : migration.checksum().orElse(null), installedBy, Instant.now(),
                took.toMillis(), error);
    }

    private void notifyBefore(MigrationDescriptor migration) {
        listeners.before(migration);
    }

    private void notifyAfter(MigrationDescriptor migration, Duration took, String verb) {
        // DEBUG, not INFO: a line per migration through java.util.logging's console handler cost more
        // than the migrations themselves when applying a thousand (benchmark B2); the run's summary is
        // logged at INFO, and listeners see every migration.
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "{0} migration {1} ({2}) in {3} ms", verb, migration, migration.className(),
                    took.toMillis());
        }
        listeners.after(migration, took);
    }
}
