package dev.cairn.runtime;

/**
 * One disagreement between the application's migrations and the history table, found by
 * {@link Migrator#validate()}.
 *
 * <pre>{@code
 * for (ValidationProblem problem : migrator.validate().problems()) {
 *     if (problem.kind() == ValidationProblem.Kind.CHECKSUM_MISMATCH) { ... }
 * }
 * }</pre>
 */
public final class ValidationProblem {

    /** The kinds of problem. */
    public enum Kind {
        /** An applied migration was edited afterwards: its checksum differs from the recorded one. */
        CHECKSUM_MISMATCH,
        /** A non-transactional migration failed and may be half applied; needs {@link Migrator#repair()}. */
        FAILED_MIGRATION,
        /** The database has an applied migration this application does not know. */
        APPLIED_UNKNOWN,
        /**
         * A migration is applied, or pending, while one of its dependencies (for a pending one,
         * directly or transitively) was rolled back and is not going to be re-applied first:
         * {@code migrate()} leaves rolled-back migrations alone, {@code migrate(target)}
         * re-applies those in the target's closure.
         */
        DEPENDENCY_ROLLED_BACK,
        /**
         * The database is not empty but has no Cairn history: another tool or a person created its
         * schema. {@link Migrator#migrate()} refuses it with {@link NonEmptyDatabaseException};
         * adopt it first with {@link Migrator#adoptFlyway()} or {@link Migrator#baseline(long)}.
         * Not about one migration: its {@link #version()} is 0.
         */
        NON_EMPTY_DATABASE,
        /**
         * A migration was never applied, but migrations that depend on it (for a folder script, by
         * the folder's rule that each script depends on the one before) are: it was added late,
         * out of order. {@link Migrator.Builder#outOfOrder(boolean)} lets {@code migrate} apply it;
         * {@code migrate(version)} applies it on request.
         */
        OUT_OF_ORDER,
        /**
         * The database belongs to another application: its applied migrations were recorded by
         * another application (registry), and none of them is one of this application's.
         * {@link Migrator#migrate()} refuses it with {@link DatabaseOfAnotherApplicationException};
         * when it is found, it is the only problem reported, since comparing the other
         * application's migrations with this one's says nothing useful. Its {@link #version()} is
         * the lowest version the other application applied.
         */
        OTHER_APPLICATION,
        /**
         * An applied migration the application no longer has, though it has later versions: it was
         * deleted from the code (or renamed). {@link Migrator#forget(long...)} records that on purpose.
         */
        APPLIED_DELETED
    }

    private final Kind kind;
    private final MigrationVersion version;
    private final String message;

    /** Creates the problem; the message says what is wrong and what to do. */
    ValidationProblem(Kind kind, MigrationVersion version, String message) {
        this.kind = kind;
        this.version = version;
        this.message = message;
    }

    /** What kind of problem this is. */
    public Kind kind() {
        return kind;
    }

    /** The version of the migration the problem is about; 0 for a problem of the whole database. */
    public MigrationVersion version() {
        return version;
    }

    /** What is wrong and what to do about it. */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return kind + " " + version + ": " + message;
    }
}
