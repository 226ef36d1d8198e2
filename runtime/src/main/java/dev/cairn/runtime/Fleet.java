package dev.cairn.runtime;

import dev.cairn.runtime.internal.JdbcUrls;
import dev.cairn.runtime.internal.fleet.FleetExecutor;
import dev.cairn.runtime.internal.fleet.FleetTarget;
import dev.cairn.runtime.internal.fleet.SchemaDataSource;
import dev.cairn.runtime.internal.fleet.Schemas;
import dev.cairn.runtime.internal.fleet.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * One registry applied to many tenants: databases of their own (a DataSource or a JDBC URL each,
 * SQLite files for example) or the schemas of one PostgreSQL database, listed or matched by a
 * pattern. Each tenant is migrated by an ordinary {@link Migrator}, with its own history table and
 * its own lock, on a bounded number of threads; a failed tenant does not stop the others (unless
 * {@linkplain Builder#failFast(boolean) fail-fast}), and the {@link FleetReport} names it.
 *
 * <pre>{@code
 * Fleet fleet = Fleet.builder(MigrationRegistry.INSTANCE)
 *         .tenant("acme", "jdbc:sqlite:tenants/acme.db")
 *         .tenant("globex", "jdbc:sqlite:tenants/globex.db")
 *         .parallelism(8)
 *         .build();
 * FleetReport report = fleet.migrate();
 * report.failed().forEach(tenant -> log.error(tenant.tenant() + ": " + tenant.error().orElseThrow().getMessage()));
 * }</pre>
 *
 * <p>PostgreSQL schemas: each schema holds its own history table, and migrations run with the
 * tenant's schema first in the {@code search_path}, so migration code writes
 * {@code CREATE TABLE orders (...)} without naming the schema. The lock is the tenant's (an
 * advisory lock keyed by its history table's qualified name), so two fleet runs over one database
 * cooperate tenant by tenant instead of one waiting for the other. Each worker thread reuses one
 * connection for the schemas it migrates.
 *
 * <pre>{@code
 * FleetReport report = Fleet.builder(MigrationRegistry.INSTANCE)
 *         .schemasMatching(dataSource, Pattern.compile("tenant_\\d+"))
 *         .configure(migrator -> migrator.lockTimeout(Duration.ofSeconds(30)))
 *         .build()
 *         .migrate();
 * }</pre>
 *
 * <p><b>Resumable and idempotent.</b> Nothing is kept between runs but each tenant's own history:
 * running the fleet again applies exactly what is pending on each tenant (the failed ones and
 * those a crash or a fail-fast stop left behind), and a tenant that is complete costs its one-query
 * start ({@link Migrator#migrate()}). A killed run leaves no lock behind and no migration half
 * applied: each migration commits with its history row. Two runs over the same tenants at once are
 * safe too (each migration is applied once; the second waits for the tenant's lock).
 *
 * <p>A {@code Fleet} is immutable and may be shared; each call opens its own connections.
 */
public final class Fleet {

    /** The plain identifiers Cairn can name a history schema by, unquoted and unfolded. */
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final Registry registry;
    private final List<FleetTarget> targets;
    private final List<SchemaPattern> patterns;
    private final int parallelism;
    private final boolean failFast;
    private final Consumer<Migrator.Builder> configuration;
    private final Listener listener;

    private Fleet(Builder builder) {
        this.registry = builder.registry;
        this.targets = List.copyOf(builder.targets);
        this.patterns = List.copyOf(builder.patterns);
        this.parallelism = builder.parallelism;
        this.failFast = builder.failFast;
        this.configuration = builder.configuration;
        this.listener = builder.listener;
    }

    /** Starts configuring a fleet for the given registry, usually the generated {@code MigrationRegistry}. */
    public static Builder builder(Registry registry) {
        return new Builder(registry);
    }

    /**
     * Told of the fleet's progress, for a progress bar or a log line per tenant. Calls come from
     * the fleet's worker threads, but one at a time, never concurrently.
     *
     * <pre>{@code
     * .listener((tenant, finished, total) -> log.info(finished + "/" + total + " " + tenant))
     * }</pre>
     */
    @FunctionalInterface
    public interface Listener {
        /** Before the first tenant starts, with the number of tenants (schemas matched included). */
        default void started(int tenants) {
        }

        /** After each tenant, with how many have finished so far of {@code total}. */
        void tenantFinished(TenantResult result, int finished, int total);
    }

    /**
     * Migrates every tenant: {@link Migrator#migrate()} on each, at most
     * {@linkplain Builder#parallelism(int) parallelism} at a time. Never throws for a tenant's
     * failure: the report has it.
     *
     * @throws CairnException if the schemas of a {@link Builder#schemasMatching} database could
     *     not be listed, or two tenants have the same name; nothing was migrated then
     * @throws RuntimeException what the {@link Listener} threw: the run stops (tenants already
     *     started finish) and the exception is rethrown once every worker has stopped
     */
    public FleetReport migrate() {
        long start = System.nanoTime();
        List<FleetTarget> tenants = resolve();
        listener.started(tenants.size());
        List<TenantResult> results = FleetExecutor.run(tenants, parallelism, failFast, this::migrate,
                TenantResult::failed,
                target -> new TenantResult(target.name(), TenantResult.Status.NOT_RUN, List.of(), Duration.ZERO, null),
                listener::tenantFinished);
        return new FleetReport(results, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Where every tenant stands ({@link Migrator#info()} on each, in parallel), changing nothing. An
     * SQLite file that does not exist yet is reported as empty, not created.
     *
     * @throws CairnException if the schemas of a {@link Builder#schemasMatching} database could
     *     not be listed, or two tenants have the same name
     */
    public FleetInfo info() {
        List<FleetTarget> tenants = resolve();
        List<TenantInfo> infos = FleetExecutor.run(tenants, parallelism, false, this::info, TenantInfo::failed,
                target -> new TenantInfo(target.name(), null, 0, List.of(), null), (result, done, total) -> { });
        return new FleetInfo(infos);
    }

    private TenantResult migrate(FleetTarget target, Worker worker) {
        long start = System.nanoTime();
        List<ExecutedMigration> applied = Collections.synchronizedList(new ArrayList<>());
        try {
            MigrationReport report = migrator(target, worker, new MigrationListener() {
                @Override
                public void afterMigration(MigrationDescriptor migration, Duration executionTime) {
                    applied.add(new ExecutedMigration(migration, executionTime));
                }
            }).migrate();
            return new TenantResult(target.name(),
                    !report.isComplete() ? TenantResult.Status.IN_PROGRESS
                            : report.wasUpToDate() ? TenantResult.Status.UP_TO_DATE : TenantResult.Status.MIGRATED,
                    report.applied(), Duration.ofNanos(System.nanoTime() - start), null);
        } catch (RuntimeException e) {
            return new TenantResult(target.name(), TenantResult.Status.FAILED, applied,
                    Duration.ofNanos(System.nanoTime() - start), failure(target, e));
        }
    }

    private TenantInfo info(FleetTarget target, Worker worker) {
        try {
            Path absent = absentSqliteFile(target);
            if (absent != null) {
                return new TenantInfo(target.name(), null, registry.migrations().size() + registry.repeatables().size(),
                        List.of(), null);
            }
            InfoReport report = migrator(target, worker, null).info();
            MigrationVersion highest = null;
            List<MigrationVersion> failedVersions = new ArrayList<>();
            for (MigrationInfo migration : report.migrations()) {
                if (migration.repeatable()) {
                    continue;
                }
                MigrationState state = migration.state();
                if ((state == MigrationState.APPLIED || state == MigrationState.BASELINED
                        || state == MigrationState.APPLIED_UNKNOWN)
                        && (highest == null || migration.version().compareTo(highest) > 0)) {
                    highest = migration.version();
                }
                if (state == MigrationState.FAILED) {
                    failedVersions.add(migration.version());
                }
            }
            return new TenantInfo(target.name(), highest, report.pending().size(), failedVersions, null);
        } catch (RuntimeException e) {
            return new TenantInfo(target.name(), null, 0, List.of(), failure(target, e));
        }
    }

    /** The tenant's migrator: the fleet's configuration, then the tenant's database (and schema). */
    private Migrator migrator(FleetTarget target, Worker worker, MigrationListener collector) {
        Migrator.Builder builder = Migrator.builder(registry);
        configuration.accept(builder);
        if (collector != null) {
            builder.listener(collector);
        }
        if (target.schema() != null) {
            if (!SCHEMA_NAME.matcher(target.schema()).matches()) {
                throw new InvalidConfigurationException("The schema \"" + target.schema() + "\" cannot be a fleet "
                        + "tenant: Cairn names a tenant's schema unquoted, so it must be a lower-case plain identifier "
                        + "(letters a-z, digits, underscores, not starting with a digit). Nothing was done to it. "
                        + "Rename the schema, or leave it out of the fleet's list or pattern.");
            }
            builder.dataSource(new SchemaDataSource(worker, target.dataSource(), target.schema()))
                    .historySchema(target.schema());
        } else if (target.dataSource() != null) {
            builder.dataSource(target.dataSource());
        } else {
            builder.jdbcUrl(target.url(), target.user(), target.password());
        }
        return builder.build();
    }

    /** A tenant's failure as the report's typed error, naming the tenant. */
    private static CairnException failure(FleetTarget target, RuntimeException e) {
        if (e instanceof CairnException) {
            return (CairnException) e;
        }
        return new CairnException("Tenant " + target.name() + " failed unexpectedly: " + e
                + ". Its migrations committed before the failure stay applied; fix the cause and run the fleet again.",
                e);
    }

    /** The file of a {@code jdbc:sqlite:} URL tenant that does not exist (info must not create it), else null. */
    private static Path absentSqliteFile(FleetTarget target) {
        String url = target.url();
        if (url == null || !url.startsWith("jdbc:sqlite:") || url.contains(":memory:") || url.contains("mode=memory")) {
            return null;
        }
        String file = url.substring("jdbc:sqlite:".length());
        if (file.startsWith("file:")) {
            file = file.substring("file:".length());
        }
        int query = file.indexOf('?');
        if (query >= 0) {
            file = file.substring(0, query);
        }
        if (file.isEmpty()) {
            return null;
        }
        Path path = Path.of(file);
        return Files.exists(path) ? null : path;
    }

    /** The tenants of this run: the listed ones, then each pattern's schemas as the database has them now. */
    private List<FleetTarget> resolve() {
        List<FleetTarget> tenants = new ArrayList<>(targets);
        for (SchemaPattern pattern : patterns) {
            try {
                for (String schema : Schemas.matching(pattern.database, pattern.pattern)) {
                    tenants.add(FleetTarget.schema(schema, pattern.database));
                }
            } catch (SQLException e) {
                throw new CairnException("Cairn could not list the schemas of " + pattern.database + " matching "
                        + pattern.pattern.pattern() + ": " + e.getMessage() + " (SQLState " + e.getSQLState()
                        + "). No tenant was migrated. Check that the database is reachable, then run again.", e);
            }
        }
        Set<String> names = new HashSet<>();
        for (FleetTarget tenant : tenants) {
            if (!names.add(tenant.name())) {
                throw new InvalidConfigurationException("Invalid Fleet configuration: two tenants are named \""
                        + tenant.name() + "\" (a schema listed and matched by a pattern, or one name given twice). "
                        + "Nothing was migrated. Give every tenant its own name.");
            }
        }
        return tenants;
    }

    @Override
    public String toString() {
        return "Fleet[" + targets.size() + " tenant(s)" + (patterns.isEmpty() ? "" : " + schemas matching "
                + patterns) + ", parallelism=" + parallelism + (failFast ? ", fail-fast" : "") + "]";
    }

    private static final class SchemaPattern {
        final DataSource database;
        final Pattern pattern;

        SchemaPattern(DataSource database, Pattern pattern) {
            this.database = database;
            this.pattern = pattern;
        }

        @Override
        public String toString() {
            return pattern.pattern();
        }
    }

    /**
     * Configures a {@link Fleet}. {@link #build()} checks the options and names the bad one.
     *
     * <pre>{@code
     * Fleet fleet = Fleet.builder(MigrationRegistry.INSTANCE)
     *         .schemas(dataSource, "tenant_a", "tenant_b")
     *         .tenant("archive", "jdbc:sqlite:archive.db")
     *         .parallelism(4)
     *         .failFast(true)
     *         .listener((tenant, finished, total) -> System.out.println(finished + "/" + total))
     *         .build();
     * }</pre>
     */
    public static final class Builder {

        private final Registry registry;
        private final List<FleetTarget> targets = new ArrayList<>();
        private final List<SchemaPattern> patterns = new ArrayList<>();
        private int parallelism = FleetExecutor.defaultParallelism();
        private boolean failFast;
        private Consumer<Migrator.Builder> configuration = builder -> { };
        private Listener listener = (result, finished, total) -> { };
        private final List<String> problems = new ArrayList<>();

        private Builder(Registry registry) {
            this.registry = registry;
        }

        /** A tenant that is a database of its own, reached through {@code dataSource}. */
        public Builder tenant(String name, DataSource dataSource) {
            if (checkName(name) && dataSource == null) {
                problems.add("tenant \"" + name + "\" has a null DataSource");
            }
            if (dataSource != null) {
                targets.add(FleetTarget.dataSource(String.valueOf(name), dataSource));
            }
            return this;
        }

        /** A tenant that is a database of its own, reached through a JDBC URL ({@code jdbc:sqlite:acme.db}). */
        public Builder tenant(String name, String jdbcUrl) {
            return tenant(name, jdbcUrl, null, null);
        }

        /** A tenant reached through a JDBC URL with these credentials. */
        public Builder tenant(String name, String jdbcUrl, String user, String password) {
            checkName(name);
            if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
                problems.add("tenant \"" + name + "\" has the JDBC URL "
                        + (jdbcUrl == null ? "null" : "\"" + JdbcUrls.sanitize(jdbcUrl) + "\"")
                        + ", which does not start with \"jdbc:\"");
            } else {
                targets.add(FleetTarget.url(String.valueOf(name), jdbcUrl, user, password));
            }
            return this;
        }

        /**
         * Schemas of one PostgreSQL database as tenants, named after them. Each must exist and be
         * a lower-case plain identifier ({@code tenant_42}); a schema that does not exist fails as
         * that tenant's error, the others go on.
         */
        public Builder schemas(DataSource database, String... schemas) {
            return schemas(database, schemas == null ? null : java.util.Arrays.asList(schemas));
        }

        /** {@link #schemas(DataSource, String...)} for a collection. */
        public Builder schemas(DataSource database, Collection<String> schemas) {
            if (database == null) {
                problems.add("schemas(...) was given a null DataSource");
                return this;
            }
            if (schemas == null) {
                problems.add("schemas(...) was given a null list of schemas");
                return this;
            }
            for (String schema : schemas) {
                if (checkName(schema)) {
                    targets.add(FleetTarget.schema(schema, database));
                }
            }
            return this;
        }

        /**
         * The schemas of one PostgreSQL database whose whole name matches {@code pattern}, listed
         * when {@link Fleet#migrate()} or {@link Fleet#info()} starts (a tenant added since the
         * last run is included), in name order. PostgreSQL's own schemas never match.
         *
         * <pre>{@code
         * .schemasMatching(dataSource, Pattern.compile("tenant_.*"))
         * }</pre>
         */
        public Builder schemasMatching(DataSource database, Pattern pattern) {
            if (database == null || pattern == null) {
                problems.add("schemasMatching(...) was given a null " + (database == null ? "DataSource" : "pattern"));
            } else {
                patterns.add(new SchemaPattern(database, pattern));
            }
            return this;
        }

        /**
         * How many tenants are migrated at once, each on its own connection; default the number of
         * processors available to the JVM. Size a connection pool behind a DataSource for it.
         */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1) {
                problems.add("parallelism " + parallelism + " must be at least 1");
            }
            this.parallelism = parallelism;
            return this;
        }

        /**
         * Whether the first failed tenant stops the run: tenants already started finish, the rest
         * are reported {@link TenantResult.Status#NOT_RUN}. Default {@code false}: every tenant is
         * tried, and the report names the failed ones.
         */
        public Builder failFast(boolean failFast) {
            this.failFast = failFast;
            return this;
        }

        /**
         * Settings for every tenant's {@link Migrator}: the lock timeout, listeners, placeholders,
         * out-of-order, the history table's name. Called once per tenant on a fresh builder; do not
         * set the database there (the fleet sets each tenant's DataSource, URL or history schema).
         *
         * <pre>{@code
         * .configure(migrator -> migrator.lockTimeout(Duration.ofSeconds(10)).placeholder("role", "app"))
         * }</pre>
         */
        public Builder configure(Consumer<Migrator.Builder> configuration) {
            if (configuration == null) {
                problems.add("configure(...) was given null");
            } else {
                this.configuration = configuration;
            }
            return this;
        }

        /** Told of each finished tenant (one call at a time); see {@link Listener}. */
        public Builder listener(Listener listener) {
            if (listener == null) {
                problems.add("listener(...) was given null");
            } else {
                this.listener = listener;
            }
            return this;
        }

        /**
         * Checks the configuration and creates the fleet. Opens no connection: schemas matched by a
         * pattern are listed when the fleet runs.
         *
         * @throws InvalidConfigurationException naming every bad option and its value
         */
        public Fleet build() {
            List<String> all = new ArrayList<>(problems);
            if (registry == null) {
                all.add(0, "registry is null; pass the generated MigrationRegistry.INSTANCE to Fleet.builder(...)");
            }
            if (targets.isEmpty() && patterns.isEmpty() && all.isEmpty()) {
                all.add("no tenant configured; call tenant(...), schemas(...) or schemasMatching(...)");
            }
            Set<String> names = new HashSet<>();
            for (FleetTarget target : targets) {
                if (!names.add(target.name())) {
                    all.add("two tenants are named \"" + target.name() + "\"; give every tenant its own name");
                }
            }
            if (!all.isEmpty()) {
                throw new InvalidConfigurationException("Invalid Fleet configuration: " + String.join("; ", all) + ".");
            }
            return new Fleet(this);
        }

        private boolean checkName(String name) {
            if (name == null || name.isBlank()) {
                problems.add("a tenant name is " + (name == null ? "null" : "blank") + "; give every tenant a name");
                return false;
            }
            return true;
        }
    }
}
