package dev.cairn.runtime;

import dev.cairn.runtime.generated.MigrationFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything known at compile time about one migration: an immutable value created by the
 * generated {@code MigrationRegistry}. Reading a descriptor never loads the migration's class;
 * {@link #newInstance()} does, when the migration is about to run.
 *
 * <pre>{@code
 * MigrationDescriptor migration = MigrationRegistry.INSTANCE.find(2).orElseThrow();
 * migration.version();      // 2
 * migration.description();  // "Add user email"
 * migration.dependsOn();    // [1]
 * migration.reversible();   // true when the class overrides down()
 * }</pre>
 *
 * <p>A repeatable migration ({@code R__create_views.sql}, from {@link Registry#repeatables()}) has
 * no version: {@link #version()} is 0, and its {@link #description()} names it.
 */
public final class MigrationDescriptor {

    private final MigrationVersion version;
    private final String description;
    private final List<MigrationVersion> dependsOn;
    private final String className;
    private final boolean transactional;
    private final boolean reversible;
    private final String checksum;
    private final MigrationFactory factory;
    private final int index;
    private final String script;
    private final boolean repeatable;
    private final boolean batched;

    /**
     * Created only through {@code dev.cairn.runtime.generated.GeneratedMigrations}, which the generated
     * registry calls.
     *
     * @param script for a SQL migration its class-path resource name (then also {@code className}, so
     *     that every message naming a migration's class names the script); {@code null} for Java
     * @param checksum the compile-time checksum of the migration's source, or {@code null} when
     *     the compiler offered no access to the source
     * @param factory creates the migration: {@code factory.create(index)}
     * @param index this migration's position in its registry, passed to {@code factory}
     */
    MigrationDescriptor(
            MigrationVersion version,
            String description,
            MigrationVersion[] dependsOn,
            String className,
            String script,
            boolean transactional,
            boolean reversible,
            String checksum,
            MigrationFactory factory,
            int index,
            boolean repeatable,
            boolean batched) {
        this.repeatable = repeatable;
        this.batched = batched;
        this.version = version;
        this.description = Objects.requireNonNull(description, "description");
        List<MigrationVersion> dependencies = new ArrayList<>(dependsOn.length);
        for (MigrationVersion dependency : dependsOn) {
            dependencies.add(dependency);
        }
        this.dependsOn = Collections.unmodifiableList(dependencies);
        this.className = Objects.requireNonNull(className, "className");
        this.transactional = transactional;
        this.reversible = reversible;
        this.checksum = checksum;
        this.factory = Objects.requireNonNull(factory, "factory");
        this.index = index;
        this.script = script;
    }

    /** The migration's unique, positive version. */
    public MigrationVersion version() {
        return version;
    }

    /** The description given in {@code @Migration}, or the one derived from the class name. */
    public String description() {
        return description;
    }

    /** The versions this migration depends on, in declaration order, without repeats. */
    public List<MigrationVersion> dependsOn() {
        return dependsOn;
    }

    /**
     * The fully qualified (binary) name of the migration class; for a SQL migration, its script
     * path (the same as {@link #script()}).
     */
    public String className() {
        return className;
    }

    /** Whether the migration runs in a transaction together with its history row. */
    public boolean transactional() {
        return transactional;
    }

    /**
     * Whether the migration can be rolled back: the class overrides {@link JavaMigration#down}, or
     * the SQL migration has an undo script.
     */
    public boolean reversible() {
        return reversible;
    }

    /**
     * The checksum of the migration's source computed at compile time, ignoring comments and
     * formatting; empty when the compiler offered no access to the source.
     */
    public Optional<String> checksum() {
        return Optional.ofNullable(checksum);
    }

    /** The script's class-path resource name for a SQL migration; empty for a Java migration. */
    public Optional<String> script() {
        return Optional.ofNullable(script);
    }

    /**
     * Whether this is a repeatable migration: applied again whenever its checksum changes, after the
     * versioned migrations it depends on, never rolled back. Its version is 0.
     */
    public boolean repeatable() {
        return repeatable;
    }

    /**
     * Whether this is a {@link BatchedMigration}, as the processor found at compile time: applied
     * batch by batch, each batch committed with a checkpoint, resumed after an interruption.
     */
    public boolean batched() {
        return batched;
    }

    /** Creates a new instance of the migration, loading its class if needed. */
    public JavaMigration newInstance() {
        return factory.create(index);
    }

    @Override
    public String toString() {
        return (repeatable ? "repeatable" : version.toString()) + " (" + description + ")";
    }
}
