package dev.cairn.runtime;

import dev.cairn.runtime.internal.JdbcUrls;
import dev.cairn.runtime.internal.MigratorConfig;
import dev.cairn.runtime.internal.operation.AdoptFlywayOperation;
import dev.cairn.runtime.internal.operation.BaselineOperation;
import dev.cairn.runtime.internal.operation.ForgetOperation;
import dev.cairn.runtime.internal.operation.InfoOperation;
import dev.cairn.runtime.internal.operation.MigrateOperation;
import dev.cairn.runtime.internal.operation.RepairOperation;
import dev.cairn.runtime.internal.operation.RollbackOperation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Applies an application's migrations to its database, and answers questions about them. Build
 * one per database with {@link #builder(Registry)}; a {@code Migrator} is immutable and may be
 * shared between threads, and every operation opens (and closes) its own connection.
 *
 * <pre>{@code
 * MigrationReport report = Migrator.builder(MigrationRegistry.INSTANCE)
 *         .dataSource(dataSource)
 *         .build()
 *         .migrate();
 * }</pre>
 *
 * <p>Any number of application instances may call {@link #migrate()} at once against the same
 * database: each migration is applied exactly once, the others wait for the lock and then find it
 * applied. On PostgreSQL the lock is a session-level advisory lock. On a SQLite file it is an
 * operating-system lock on a sidecar file {@code <database>.cairn-lock} (plus a lock inside the
 * JVM), which must not be deleted or replaced while an instance migrates; on an in-memory SQLite database it is the write lock ({@code BEGIN IMMEDIATE}). Each is
 * released when its holder dies, so a crash never leaves a stale lock.
 *
 * <p>Transactions: each migration commits in its own transaction together with its history row
 * (on SQLite a {@code BEGIN IMMEDIATE} transaction), so a crash keeps every migration committed
 * before it, and a migration and its history row are never separated. A non-transactional
 * migration runs in auto-commit while the lock is still held. In memory, SQLite runs the whole
 * operation in one transaction with a savepoint per migration.
 */
public final class Migrator {

    private final MigratorConfig config;

    private Migrator(MigratorConfig config) {
        this.config = config;
    }

    /** Starts configuring a migrator for the given registry, usually the generated {@code MigrationRegistry}. */
    public static Builder builder(Registry registry) {
        return new Builder(registry);
    }

    /**
     * Applies every pending migration in the registry's order, each in its own transaction with
     * its history row. Validates first (unless disabled) and applies nothing if validation fails.
     *
     * <p>Startup cost: once the database is complete (every migration applied or baselined, nothing
     * failed) and valid, this records a {@code VERIFIED} history row carrying the registry's
     * {@linkplain Registry#fingerprint() fingerprint}. While that row is the latest one, a call
     * reads only that row (one query, one row) and returns without building the registry's
     * descriptors. Any later history write (apply, failure, rollback, baseline, repair, by any
     * instance) or a different fingerprint (a migration added, edited or removed) makes the next
     * call run the full check: one query for the whole history, compared with every migration.
     * Recording the row takes the lock briefly; if it cannot be written (a read-only database user)
     * the call still succeeds. A registry without fingerprint always runs the full check.
     *
     * <p>Migrations undone by {@link #rollback(long)} stay rolled back: a restart with the same code
     * must not undo an operator's rollback. They are listed in {@link MigrationReport#skipped()};
     * {@link #migrate(long)} re-applies them.
     *
     * <p>A database that is not empty but has no Cairn history (another tool, such as Flyway, or a
     * person created its schema) is refused before anything runs: Cairn cannot tell which of its
     * migrations are already there. Adopt it once with {@link #adoptFlyway()} or
     * {@link #baseline(long)}; see {@link NonEmptyDatabaseException} for what "empty" means on
     * each database, and {@link Builder#allowNonEmptyDatabase(boolean)} for the exception to the
     * rule.
     *
     * @throws NonEmptyDatabaseException if the database has objects but no Cairn history
     * @throws ValidationException if the database disagrees with the code (see its subclasses)
     * @throws MigrationFailedException if a migration failed; earlier ones stay applied
     * @throws LockTimeoutException if another process held the migration lock too long
     */
    public MigrationReport migrate() {
        return new MigrateOperation(config).migrate(null);
    }

    /**
     * Applies {@code target} and every migration it depends on, transitively, that is not
     * applied yet, including rolled-back ones: naming a target is the explicit choice to re-apply
     * them. Migrations that {@code target} does not depend on are left as they are.
     */
    public MigrationReport migrate(long target) {
        return migrate(MigrationVersion.of(target));
    }

    /**
     * {@link #migrate(long)} for any version, including one with parts:
     * {@code migrate(MigrationVersion.parse("1.10"))}.
     */
    public MigrationReport migrate(MigrationVersion target) {
        return new MigrateOperation(config).migrate(Objects.requireNonNull(target, "target"));
    }

    /**
     * What {@link #migrate()} would apply, in order, without changing the database. For a SQL
     * script migration, {@link MigrationPlan#statements(MigrationDescriptor)} gives the SQL it
     * would run. For a database that {@link #migrate()} would refuse as not empty, the plan lists
     * nothing and its validation has a {@link ValidationProblem.Kind#NON_EMPTY_DATABASE} problem.
     */
    public MigrationPlan plan() {
        return new MigrateOperation(config).plan(null);
    }

    /** What {@link #migrate(long)} would apply, in order, without changing the database. */
    public MigrationPlan plan(long target) {
        return plan(MigrationVersion.of(target));
    }

    /** What {@link #migrate(MigrationVersion)} would apply, in order, without changing the database. */
    public MigrationPlan plan(MigrationVersion target) {
        return new MigrateOperation(config).plan(Objects.requireNonNull(target, "target"));
    }

    /** Every migration known to the code or recorded in the database, with its state. */
    public InfoReport info() {
        return new InfoOperation(config).info();
    }

    /**
     * Every disagreement between the code and the database, including a database that is not
     * empty but has no Cairn history ({@link ValidationProblem.Kind#NON_EMPTY_DATABASE}); changes
     * nothing.
     */
    public ValidationReport validate() {
        return new InfoOperation(config).validate();
    }

    /**
     * Undoes, by calling {@code down}, every applied migration that {@code target} does not
     * depend on (transitively), dependents before their dependencies. {@code target} and its
     * dependencies stay applied. Refused before anything runs if one of them is irreversible.
     *
     * @throws IrreversibleMigrationException naming every migration that cannot be undone
     */
    public RollbackReport rollback(long target) {
        return rollback(MigrationVersion.of(target));
    }

    /** {@link #rollback(long)} for any version, including one with parts ({@code 1.10}). */
    public RollbackReport rollback(MigrationVersion target) {
        return new RollbackOperation(config).rollback(Objects.requireNonNull(target, "target"));
    }

    /**
     * Records an existing database as being at {@code version}: that migration and everything it
     * depends on are recorded as baselined without running them. Already applied ones are left
     * as they are.
     */
    public BaselineReport baseline(long version) {
        return baseline(MigrationVersion.of(version));
    }

    /** {@link #baseline(long)} for any version, including one with parts ({@code 1.10}). */
    public BaselineReport baseline(MigrationVersion version) {
        return new BaselineOperation(config).baseline(Objects.requireNonNull(version, "version"));
    }

    /**
     * Takes over a database that Flyway migrated: every migration Flyway applied successfully,
     * according to its {@code flyway_schema_history} table, is recorded in Cairn's history as
     * baselined (present, not run), with Flyway's version, description, installed-on time and
     * execution time. {@link #migrate()} then applies exactly what Flyway had not. Flyway's table
     * is read, never changed; drop it once Flyway is gone for good.
     *
     * <ul>
     *   <li>A Flyway baseline row ({@code << Flyway Baseline >>}, or a baseline migration) at
     *       version V means everything up to V exists: the application's migrations up to V are
     *       adopted too.
     *   <li>Repeatable migrations ({@code R__} scripts, no version) are left aside and listed in
     *       {@link FlywayAdoptionReport#ignored()}: Flyway's checksums cannot be compared with
     *       Cairn's, so the next {@link #migrate()} applies each of the application's repeatable
     *       migrations once (they are re-runnable by contract). So is Flyway's schema-creation marker.
     *   <li>A migration Flyway later deleted ({@code repair}) or undid is not adopted.
     * </ul>
     *
     * <p>Refused, with nothing recorded and every problem listed, when Flyway's history has a failed
     * migration, a version this application does not have, or
     * when an application migration below Flyway's highest version was never applied by Flyway.
     * It all happens under the migration lock, in one transaction. Running it again after a
     * successful adoption records nothing new.
     *
     * <pre>{@code
     * migrator.adoptFlyway();   // once, where Flyway ran before (CLI: adopt-flyway)
     * migrator.migrate();
     * }</pre>
     *
     * @throws FlywayAdoptionException naming every Flyway row that stops the adoption
     */
    public FlywayAdoptionReport adoptFlyway() {
        return new AdoptFlywayOperation(config).adopt();
    }

    /**
     * Records that the application no longer has these applied migrations: their script or class
     * was deleted on purpose (squashed into another, or never needed). Until then the database
     * counts them as applied migrations the application does not know, and {@link #migrate()}
     * refuses it. It deletes nothing: one {@code FORGET} history row per version (who and when);
     * {@link #info()} shows them as {@link MigrationState#FORGOTTEN}. What they did stays in the
     * database. A forgotten version that comes back into the code is pending again.
     *
     * <pre>{@code
     * migrator.forget(1005);   // V1005__tmp_fix.sql was deleted after it ran
     * }</pre>
     *
     * @param versions applied versions this application does not have
     * @return the versions recorded as forgotten now (one forgotten before is left as it is)
     * @throws CairnException if a version is one of the application's, or is not recorded as applied
     */
    public List<MigrationVersion> forget(long... versions) {
        MigrationVersion[] forgotten = new MigrationVersion[versions.length];
        for (int i = 0; i < versions.length; i++) {
            forgotten[i] = MigrationVersion.of(versions[i]);
        }
        return forget(forgotten);
    }

    /**
     * {@link #forget(long...)} for any versions, including ones with parts:
     * {@code forget(MigrationVersion.parse("1.10"))}.
     */
    public List<MigrationVersion> forget(MigrationVersion... versions) {
        return new ForgetOperation(config).forget(versions.clone());
    }

    /**
     * Clears recorded failures and realigns recorded checksums with the code. Run it deliberately,
     * after checking the database by hand. It deletes nothing: it appends a {@code REPAIR} history
     * row per version (who and when), after the failure it clears (which stays, readable through
     * {@link MigrationInfo#clearedError()}) or with the checksum it records.
     *
     * @throws DatabaseOfAnotherApplicationException if the database belongs to another application
     */
    public RepairReport repair() {
        return new RepairOperation(config).repair();
    }

    /** How this migrator was configured, without credentials. */
    @Override
    public String toString() {
        return "Migrator[" + config.dataSourceDescription() + ", historyTable="
                + (config.historySchema() == null ? "" : config.historySchema() + ".") + config.historyTable() + "]";
    }

    /**
     * Configures a {@link Migrator}. {@link #build()} checks every option and names the option and
     * the bad value in its message.
     *
     * <pre>{@code
     * Migrator migrator = Migrator.builder(MigrationRegistry.INSTANCE)
     *         .jdbcUrl("jdbc:sqlite:app.db")
     *         .backup(Path.of("backups"), 5)
     *         .integrityCheck(true)
     *         .lockTimeout(Duration.ofMinutes(2))
     *         .build();
     * }</pre>
     */
    public static final class Builder {

        /** A plain, unquoted SQL identifier: safe to use unquoted in SQL text on every dialect. */
        private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
        /** Flyway's placeholder names: letters, digits and {@code _ . - :} ({@code flyway:user}). */
        private static final Pattern PLACEHOLDER_NAME = Pattern.compile("[A-Za-z0-9_.:-]+");

        private final Registry registry;
        private DataSource dataSource;
        private String jdbcUrl;
        private String user;
        private String password;
        private String historyTable = "cairn_schema_history";
        private String historySchema;
        private boolean validateOnMigrate = true;
        private boolean singleTransaction;
        private final List<MigrationListener> listeners = new ArrayList<>();
        private String installedBy;
        private Path backupDirectory;
        private int backupRetention;
        private boolean integrityCheck;
        private Duration lockTimeout = Duration.ofMinutes(1);
        private boolean allowNonEmptyDatabase;
        private boolean outOfOrder;
        private String applicationName;
        private final Map<String, String> placeholders = new TreeMap<>();
        private boolean placeholderReplacement = true;
        private Integer batchSize;
        private Duration batchPause;
        private final Map<MigrationVersion, BatchSettings> batchSettingsByVersion = new HashMap<>();
        private Duration batchTimeLimit;

        private Builder(Registry registry) {
            this.registry = registry;
        }

        /** The database to migrate. Either this or {@link #jdbcUrl(String)}. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /**
         * The database to migrate, as a JDBC URL opened through {@link java.sql.DriverManager}
         * (the driver must be on the class path). Either this or {@link #dataSource(DataSource)}.
         */
        public Builder jdbcUrl(String url) {
            return jdbcUrl(url, null, null);
        }

        /** Like {@link #jdbcUrl(String)}, with credentials. They never appear in messages or logs. */
        public Builder jdbcUrl(String url, String user, String password) {
            this.jdbcUrl = url;
            this.user = user;
            this.password = password;
            return this;
        }

        /**
         * The history table's name, a plain SQL identifier; default {@code cairn_schema_history}.
         * On PostgreSQL, see {@link #historySchema(String)} for the schema it is in.
         */
        public Builder historyTable(String name) {
            this.historyTable = name;
            return this;
        }

        /**
         * PostgreSQL only: the schema that holds the history table, a plain SQL identifier (folded
         * to lower case, as PostgreSQL folds an unquoted name). The schema must exist; Cairn
         * creates the table in it, not the schema. Every history statement names it, so several
         * applications (or tenants) can keep their own history in one database, each with its own
         * migration lock.
         *
         * <p>Without it (the default), each operation settles the schema before any migration
         * runs: the first schema of the session's {@code search_path} that has a table of the
         * history table's name (where an existing installation's table is), else
         * {@code current_schema()}, where it is then created. Either way the schema stays fixed
         * for the whole operation: a migration's {@code SET search_path}, or a schema it creates
         * that comes first in the search path (one named after the user, for {@code "$user"}),
         * does not move the history. After each migration the session's {@code search_path} is
         * put back as the run found it.
         *
         * <p>On MariaDB and MySQL the schema is a database: the history table is
         * {@code `schema`.`table`}, and without this setting it is in the connection's current
         * database, settled before any migration runs (a migration's {@code USE} does not move it).
         *
         * <p>SQLite has no schemas, so it is rejected there, not ignored: {@link #build()} throws
         * {@link InvalidConfigurationException} when {@link #jdbcUrl(String)} is a SQLite URL, and
         * with a {@link DataSource} every operation throws it on connecting, before it reads or
         * writes anything.
         *
         * <pre>{@code
         * Migrator.builder(MigrationRegistry.INSTANCE).dataSource(tenantDataSource)
         *         .historySchema("tenant_42")      // tenant_42.cairn_schema_history
         *         .build();
         * }</pre>
         */
        public Builder historySchema(String schema) {
            this.historySchema = schema;
            return this;
        }

        /**
         * Whether {@link #migrate()} validates first and applies nothing on problems; default
         * {@code true}. A non-transactional migration that failed blocks migrate either way.
         */
        public Builder validateOnMigrate(boolean validate) {
            this.validateOnMigrate = validate;
            return this;
        }

        /**
         * Runs all pending migrations of a {@code migrate} call in one transaction: all or nothing.
         * Not possible with migrations declared {@code transactional = false}. Default {@code false}.
         */
        public Builder singleTransaction(boolean singleTransaction) {
            this.singleTransaction = singleTransaction;
            return this;
        }

        /** Adds a listener; listeners are called in the order added. */
        public Builder listener(MigrationListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Who to record in the history table; default the database user the connection reports. */
        public Builder installedBy(String installedBy) {
            this.installedBy = installedBy;
            return this;
        }

        /**
         * The name recorded with every history row as the application that wrote it; default the
         * registry's class name (the generated {@code com.example.MigrationRegistry}), which stays
         * the same from build to build. A database whose applied migrations were all written by
         * another application, none of them one of this registry's, is refused with
         * {@link DatabaseOfAnotherApplicationException}. Set it when two applications share a
         * registry class name, or to keep the recorded name when the registry moves to another
         * package (a renamed registry whose recorded migrations match is accepted anyway, and
         * recorded under its new name from then on). A registry that is a lambda has no stable
         * class name: without this setting its rows record no application.
         */
        public Builder applicationName(String applicationName) {
            this.applicationName = applicationName;
            return this;
        }

        /**
         * SQLite only: before applying pending migrations to a file database, snapshot it with
         * {@code VACUUM INTO} into {@code directory} (created if missing) under a timestamped name,
         * keeping the newest {@code retain} snapshots of that database. The snapshot is taken under
         * the migration lock and only by a run that applies something, so instances that start
         * together leave one snapshot, of the state before the deploy. See {@link SqliteBackups}.
         */
        public Builder backup(Path directory, int retain) {
            this.backupDirectory = directory;
            this.backupRetention = retain;
            return this;
        }

        /**
         * SQLite only: after migrating, run {@code PRAGMA integrity_check} and
         * {@code PRAGMA foreign_key_check}, under the lock at the end of the run; if either reports
         * a problem, {@link IntegrityCheckException} is thrown. The run's migrations stay applied
         * (each committed as it finished): combine with {@link #backup} to be able to go back.
         * Default {@code false}.
         */
        public Builder integrityCheck(boolean integrityCheck) {
            this.integrityCheck = integrityCheck;
            return this;
        }

        /**
         * How long to wait for another process's migration lock (on SQLite also the busy timeout
         * for the application's own writers); default one minute.
         */
        public Builder lockTimeout(Duration timeout) {
            this.lockTimeout = timeout;
            return this;
        }

        /**
         * Lets the first {@code migrate} run every migration over a database that already has
         * objects but no Cairn history; default {@code false}, which refuses it with
         * {@link NonEmptyDatabaseException}. Allow it only when running every migration from the
         * first is right over those objects: they are unrelated to the migrations (the application
         * shares its schema with tables it does not manage, a test seeds a fixture), or the
         * migrations were written to start from them (Cairn introduced into an application whose
         * existing tables no migration creates; the first migration alters them). On PostgreSQL an
         * extension's objects never count.
         * For a database built by Flyway or by hand, adopt it instead with
         * {@link Migrator#adoptFlyway()} or {@link Migrator#baseline(long)}: running the migrations
         * again over their own results is what the check prevents.
         */
        public Builder allowNonEmptyDatabase(boolean allow) {
            this.allowNonEmptyDatabase = allow;
            return this;
        }

        /**
         * Gives the placeholder {@code ${name}} of SQL scripts its value, Flyway's syntax: each
         * {@code ${name}} in a script is replaced before the script is split and run, for example a
         * schema or a role that differs between environments. A placeholder without a value stops
         * the run before anything runs, naming the script and line. Flyway's built-ins
         * ({@code flyway:defaultSchema}, {@code flyway:user}, {@code flyway:database},
         * {@code flyway:timestamp}, {@code flyway:table}, {@code flyway:filename}) have values of their
         * own. A script's checksum is that of its text as written, so a value is no edit.
         *
         * <pre>{@code
         * Migrator.builder(MigrationRegistry.INSTANCE).dataSource(dataSource)
         *         .placeholder("app_role", "shop_app")     // GRANT SELECT ON orders TO ${app_role};
         *         .build().migrate();
         * }</pre>
         */
        public Builder placeholder(String name, String value) {
            if (name == null || !PLACEHOLDER_NAME.matcher(name).matches()) {
                throw invalid("placeholder name " + (name == null ? "null" : "\"" + name + "\"") + " is not a "
                        + "placeholder name: use letters, digits, '_', '.', '-' and ':'");
            }
            if (value == null) {
                throw invalid("placeholder " + name + " has a null value; give it a text, empty if need be");
            }
            placeholders.put(name, value);
            return this;
        }

        /**
         * Whether {@code ${name}} in SQL scripts is a placeholder (default {@code true}); {@code false}
         * runs every script exactly as written, for scripts that use {@code ${} for something else.
         */
        public Builder placeholderReplacement(boolean replace) {
            this.placeholderReplacement = replace;
            return this;
        }

        /**
         * Batch size and pause for every {@link BatchedMigration}, overriding what each one asks
         * for ({@link BatchedMigration#batchSettings()}): to go gentler on a busy database, or
         * faster in a maintenance window, without a rebuild. A setting for one version
         * ({@link #batchSettings(MigrationVersion, BatchSettings)}) wins over this one.
         *
         * <pre>{@code
         * builder.batchSettings(BatchSettings.of(500).withPause(Duration.ofMillis(100)));
         * }</pre>
         */
        public Builder batchSettings(BatchSettings settings) {
            if (settings == null) {
                this.batchSize = null;
                this.batchPause = null;
            } else {
                this.batchSize = settings.batchSize();
                this.batchPause = settings.pause();
            }
            return this;
        }

        /**
         * The batch size of every {@link BatchedMigration}, overriding its own, while each keeps its
         * own pause (unless {@link #batchPause} sets one too). The CLI's {@code --batch-size}.
         */
        public Builder batchSize(int rows) {
            BatchSettings.of(rows); // the same check
            this.batchSize = rows;
            return this;
        }

        /**
         * The pause after each batch of every {@link BatchedMigration}, overriding its own, while
         * each keeps its own batch size (unless {@link #batchSize} sets one too). The CLI's
         * {@code --batch-pause}.
         */
        public Builder batchPause(Duration pause) {
            BatchSettings.of(1).withPause(pause); // the same check
            this.batchPause = pause;
            return this;
        }

        /** Batch size and pause for the batched migration {@code version}, overriding its own. */
        public Builder batchSettings(MigrationVersion version, BatchSettings settings) {
            if (version == null || settings == null) {
                throw invalid("batchSettings(version, settings) needs a version and settings, got " + version + " and "
                        + settings);
            }
            batchSettingsByVersion.put(version, settings);
            return this;
        }

        /** Batch size and pause for the batched migration {@code version}, overriding its own. */
        public Builder batchSettings(long version, BatchSettings settings) {
            return batchSettings(MigrationVersion.of(version), settings);
        }

        /**
         * How long one {@code migrate()} spends on batches of {@link BatchedMigration}s (default: no
         * limit). When it runs out, the batched migration stops after its current batch and stays
         * {@link MigrationState#IN_PROGRESS}, the migrations that depend on it wait, the others are
         * applied, and {@link MigrationReport#unfinished()} names it; the next {@code migrate()}
         * resumes it. For a start-up that must not wait for a long backfill: run the rest from a
         * job or the CLI.
         */
        public Builder batchTimeLimit(Duration limit) {
            if (limit != null && (limit.isNegative() || limit.isZero())) {
                throw invalid("batchTimeLimit " + limit + " must be a positive duration, or null for no limit");
            }
            this.batchTimeLimit = limit;
            return this;
        }

        /**
         * Lets {@code migrate} apply a migration that was added after migrations that come after it
         * were applied; default {@code false}, which refuses it with a validation problem of kind
         * {@link ValidationProblem.Kind#OUT_OF_ORDER}. The typical case is a script added to a folder
         * with a version below the ones already applied (another branch merged late): by the
         * folder's rule the next script depends on it, yet it ran without it. With this setting the
         * late migration is applied after what is applied, as Flyway's {@code outOfOrder} does.
         *
         * <pre>{@code
         * Migrator.builder(MigrationRegistry.INSTANCE).dataSource(dataSource).outOfOrder(true).build().migrate();
         * }</pre>
         */
        public Builder outOfOrder(boolean allow) {
            this.outOfOrder = allow;
            return this;
        }

        /**
         * Checks the configuration and creates the migrator. Opens no connection.
         *
         * @throws InvalidConfigurationException naming the option and its bad value
         */
        public Migrator build() {
            if (registry == null) {
                throw invalid("registry is null; pass the generated MigrationRegistry.INSTANCE to Migrator.builder(...)");
            }
            if (dataSource == null && jdbcUrl == null) {
                throw invalid("no database configured; call dataSource(...) or jdbcUrl(...)");
            }
            if (dataSource != null && jdbcUrl != null) {
                throw invalid("both dataSource (" + dataSource.getClass().getName() + ") and jdbcUrl ("
                        + JdbcUrls.sanitize(jdbcUrl) + ") are set; configure only one");
            }
            if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:")) {
                throw invalid("jdbcUrl \"" + JdbcUrls.sanitize(jdbcUrl) + "\" does not start with \"jdbc:\"");
            }
            if (historyTable == null || !PLAIN_IDENTIFIER.matcher(historyTable).matches()) {
                throw invalid("historyTable " + (historyTable == null ? "null" : "\"" + historyTable + "\"")
                        + " is not a plain SQL identifier: use letters, digits and underscores, starting with a letter "
                        + "or underscore, at most 63 characters (the default is cairn_schema_history)");
            }
            if (historySchema != null && !PLAIN_IDENTIFIER.matcher(historySchema).matches()) {
                throw invalid("historySchema \"" + historySchema + "\" is not a plain SQL identifier: use letters, "
                        + "digits and underscores, starting with a letter or underscore, at most 63 characters");
            }
            if (historySchema != null && jdbcUrl != null && jdbcUrl.startsWith("jdbc:sqlite:")) {
                throw invalid("historySchema \"" + historySchema + "\" is set, but jdbcUrl " + JdbcUrls.sanitize(jdbcUrl)
                        + " is a SQLite database, which has no schemas; remove historySchema(...)");
            }
            if (installedBy != null && (installedBy.isBlank() || installedBy.length() > 100)) {
                throw invalid("installedBy \"" + installedBy + "\" must be 1 to 100 characters and not blank");
            }
            if (applicationName != null && (applicationName.isBlank() || applicationName.length() > 200)) {
                throw invalid("applicationName \"" + applicationName + "\" must be 1 to 200 characters and not blank");
            }
            if (backupDirectory != null && backupRetention < 1) {
                throw invalid("backup retention " + backupRetention + " must be at least 1");
            }
            if (lockTimeout == null || lockTimeout.isNegative() || lockTimeout.isZero()) {
                throw invalid("lockTimeout " + lockTimeout + " must be a positive duration");
            }
            if (lockTimeout.toMillis() > Integer.MAX_VALUE) {
                throw invalid("lockTimeout " + lockTimeout + " is too long; at most " + Integer.MAX_VALUE + " ms");
            }
            if (jdbcUrl != null && (jdbcUrl.contains(":memory:") || jdbcUrl.contains("mode=memory"))) {
                System.getLogger("dev.cairn").log(System.Logger.Level.WARNING, "jdbcUrl " + JdbcUrls.sanitize(jdbcUrl)
                        + " is an in-memory SQLite database: every operation opens a new connection and so sees a "
                        + "new, empty database. Pass a DataSource that keeps one connection open instead.");
            }
            DataSource source = dataSource != null ? dataSource : new DriverManagerDataSource(jdbcUrl, user, password);
            return new Migrator(new MigratorConfig(registry, source, historyTable, historySchema, validateOnMigrate,
                    singleTransaction, listeners, installedBy, backupDirectory, backupRetention, integrityCheck,
                    lockTimeout, allowNonEmptyDatabase, outOfOrder,
                    applicationName != null ? applicationName : MigratorConfig.applicationOf(registry),
                    placeholders, placeholderReplacement, batchSize, batchPause, batchSettingsByVersion, batchTimeLimit));
        }

        private static InvalidConfigurationException invalid(String problem) {
            return new InvalidConfigurationException("Invalid Migrator configuration: " + problem + ".");
        }
    }
}
