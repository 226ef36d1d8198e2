package dev.cairn.runtime.testing;

import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.Registry;
import dev.cairn.runtime.generated.GeneratedMigrations;
import dev.cairn.runtime.generated.MigrationFactory;
import dev.cairn.runtime.internal.sql.SqlScript;
import dev.cairn.runtime.internal.sql.SqlScriptMigration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written {@link Registry} for tests, standing in for the generated one. Migrations are
 * listed in topological order, as the processor would; each is a few lambdas.
 *
 * <pre>{@code
 * Registry registry = TestRegistry.builder()
 *         .migration(1).up("CREATE TABLE a (id INT)").down("DROP TABLE a")
 *         .migration(2).dependsOn(1).up(context -> context.execute("INSERT INTO a VALUES (1)"))
 *         .migration(3).dependsOn(2).sqlScript("sqlmigrations/engine/V3__create_orders.sql")
 *         .build();
 * }</pre>
 */
public final class TestRegistry implements Registry, MigrationFactory {

    /** One step of a migration. */
    @FunctionalInterface
    public interface Step {
        void run(MigrationContext context) throws Exception;
    }

    private final List<Spec> specs;
    private final List<MigrationDescriptor> migrations;
    private final List<MigrationDescriptor> repeatables;
    private final String fingerprint;
    private final AtomicInteger migrationsCalls = new AtomicInteger();

    private TestRegistry(List<Spec> specs, boolean fingerprinted) {
        this.specs = List.copyOf(specs);
        this.fingerprint = fingerprinted ? fingerprintOf(specs) : null;
        List<MigrationDescriptor> descriptors = new ArrayList<>();
        List<MigrationDescriptor> repeatableDescriptors = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            Spec spec = specs.get(i);
            if (spec.repeatable) {
                repeatableDescriptors.add(GeneratedMigrations.repeatableSqlMigration(spec.description, spec.dependsOn,
                        spec.script != null ? spec.script : "R__" + spec.description.replace(' ', '_') + ".sql",
                        spec.checksum, this, i));
                continue;
            }
            if (spec.batched != null) {
                descriptors.add(GeneratedMigrations.batchedJavaMigration(spec.version, spec.description, spec.dependsOn,
                        spec.className, spec.down != null, spec.checksum, this, i));
                continue;
            }
            descriptors.add(spec.script != null
                    ? GeneratedMigrations.sqlMigration(spec.version, spec.description, spec.dependsOn, spec.script,
                            spec.transactional, spec.undoScript != null, spec.checksum, this, i)
                    : GeneratedMigrations.javaMigration(spec.version, spec.description, spec.dependsOn,
                            spec.className, spec.transactional, spec.down != null, spec.checksum, this, i));
        }
        this.migrations = List.copyOf(descriptors);
        this.repeatables = List.copyOf(repeatableDescriptors);
    }

    /** Starts a registry. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<MigrationDescriptor> migrations() {
        migrationsCalls.incrementAndGet();
        return migrations;
    }

    @Override
    public List<MigrationDescriptor> repeatables() {
        return repeatables;
    }

    /** Present when built with {@link Builder#fingerprinted()}, like the generated registry's. */
    @Override
    public Optional<String> fingerprint() {
        return Optional.ofNullable(fingerprint);
    }

    /** How often {@link #migrations()} was called, to show that a path builds no descriptor. */
    public int migrationsCalls() {
        return migrationsCalls.get();
    }

    /** Starts counting {@link #migrations()} calls from zero. */
    public void resetMigrationsCalls() {
        migrationsCalls.set(0);
    }

    /** A digest of what the generated registry's fingerprint covers: version, dependencies, flags, checksum. */
    private static String fingerprintOf(List<Spec> specs) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Spec spec : specs) {
                digest.update(((spec.repeatable ? "R:" : "") + spec.version + "|" + Arrays.toString(spec.dependsOn) + "|" + spec.transactional + "|"
                        + (spec.down != null || spec.undoScript != null) + "|" + spec.checksum + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public JavaMigration create(int index) {
        Spec spec = specs.get(index);
        if (spec.batched != null) {
            return spec.batched.get();
        }
        if (spec.script != null && !(spec.repeatable && spec.script.startsWith("R__"))) {
            return new SqlScriptMigration(TestRegistry.class.getClassLoader()::getResourceAsStream, spec.script, spec.checksum,
                    spec.undoScript, spec.undoScript == null ? null : scriptChecksum(spec.undoScript));
        }
        return new JavaMigration() {
            @Override
            public void up(MigrationContext context) throws Exception {
                spec.up.run(context);
            }

            @Override
            public void down(MigrationContext context) throws Exception {
                if (spec.down == null) {
                    JavaMigration.super.down(context);
                } else {
                    spec.down.run(context);
                }
            }

            @Override
            public void verify(MigrationContext context) throws Exception {
                if (spec.verify != null) {
                    spec.verify.run(context);
                }
            }
        };
    }

    /** {@link SqlScript#checksum} of a test resource, as the processor computes it at compile time. */
    public static String scriptChecksum(String resource) {
        try (InputStream in = TestRegistry.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return "sha256:of-a-missing-script";
            }
            return SqlScript.checksum(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a SQL statement. */
    public static Step sql(String sql) {
        return context -> context.execute(sql);
    }

    private static final class Spec {
        final String version;
        String script;
        String undoScript;
        String[] dependsOn = new String[0];
        String description;
        String className;
        boolean transactional = true;
        boolean repeatable;
        String checksum;
        Step up = context -> { };
        Step down;
        Step verify;
        /** Creates the batched migration this spec stands for; null for a plain one. */
        java.util.function.Supplier<dev.cairn.runtime.BatchedMigration> batched;

        Spec(String version) {
            this.version = version;
            this.description = "Migration " + version;
            this.className = "test.Migration" + version.replace('.', '_');
            this.checksum = "checksum-" + version;
        }
    }

    /** Builds a {@link TestRegistry}; each {@link #migration(long)} starts a new migration. */
    public static final class Builder {
        private final List<Spec> specs = new ArrayList<>();
        private boolean fingerprinted;

        /** Gives the registry a fingerprint, as the generated one has, so that startups can use the verified path. */
        public Builder fingerprinted() {
            fingerprinted = true;
            return this;
        }

        private Spec current() {
            return specs.get(specs.size() - 1);
        }

        /** Starts a migration with default checksum "checksum-&lt;version&gt;". */
        public Builder migration(long version) {
            return migration(Long.toString(version));
        }

        /**
         * Starts a repeatable migration named {@code description} (as {@code R__<description>.sql}
         * names it), with checksum "checksum-&lt;description&gt;" unless {@link #checksum} says otherwise.
         */
        public Builder repeatable(String description) {
            Spec spec = new Spec("0");
            spec.repeatable = true;
            spec.description = description;
            spec.className = "R__" + description.replace(' ', '_') + ".sql";
            spec.checksum = "checksum-" + description;
            specs.add(spec);
            return this;
        }

        /** Starts a migration whose version may have parts ({@code "1.10"}). */
        public Builder migration(String version) {
            specs.add(new Spec(version));
            return this;
        }

        /** The current migration's dependencies. */
        public Builder dependsOn(long... versions) {
            String[] texts = new String[versions.length];
            for (int i = 0; i < versions.length; i++) {
                texts[i] = Long.toString(versions[i]);
            }
            return dependsOn(texts);
        }

        /** The current migration's dependencies, whose versions may have parts ({@code "1.9"}). */
        public Builder dependsOn(String... versions) {
            current().dependsOn = versions.clone();
            return this;
        }

        /** The current migration's description. */
        public Builder description(String description) {
            current().description = description;
            return this;
        }

        /** The current migration's class name, as descriptors and messages show it. */
        public Builder className(String className) {
            current().className = className;
            return this;
        }

        /** Declares the current migration {@code transactional = false}. */
        public Builder nonTransactional() {
            current().transactional = false;
            return this;
        }

        /** The current migration's checksum (null: none). */
        public Builder checksum(String checksum) {
            current().checksum = checksum;
            return this;
        }

        /** The current migration's {@code up}. */
        public Builder up(Step step) {
            current().up = step;
            return this;
        }

        /** The current migration's {@code up} as one SQL statement. */
        public Builder up(String sql) {
            return up(sql(sql));
        }

        /** Makes the current migration reversible with this {@code down}. */
        public Builder down(Step step) {
            current().down = step;
            return this;
        }

        /** Makes the current migration reversible with this SQL statement as {@code down}. */
        public Builder down(String sql) {
            return down(sql(sql));
        }

        /**
         * Makes the current migration a SQL script migration running the test resource
         * {@code script}, with the checksum of the script as it is now, as the processor would
         * compute it (override it with {@link #checksum(String)} to simulate an edit after compilation).
         */
        public Builder sqlScript(String script) {
            current().script = script;
            current().className = script;
            current().checksum = scriptChecksum(script);
            return this;
        }

        /** Gives the current SQL migration an undo script, which makes it reversible. */
        public Builder undoScript(String script) {
            current().undoScript = script;
            return this;
        }

        /**
         * Makes the current migration a batched one, created by {@code migration} each time it runs
         * (as the generated registry creates a new instance); flagged as the processor flags a class
         * implementing {@code BatchedMigration}.
         */
        public Builder batched(java.util.function.Supplier<dev.cairn.runtime.BatchedMigration> migration) {
            current().batched = migration;
            return this;
        }

        /** The current migration's {@code verify}. */
        public Builder verify(Step step) {
            current().verify = step;
            return this;
        }

        /** The registry, in the order the migrations were added. */
        public TestRegistry build() {
            return new TestRegistry(specs, fingerprinted);
        }
    }
}
