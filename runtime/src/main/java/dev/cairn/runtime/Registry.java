package dev.cairn.runtime;

import java.util.List;
import java.util.Optional;

/**
 * Every migration of an application, as found by the annotation processor at compile time. The
 * processor generates the implementation, {@code MigrationRegistry}; applications do not write
 * one.
 *
 * <pre>{@code
 * Registry registry = MigrationRegistry.INSTANCE;
 * for (MigrationDescriptor migration : registry.migrations()) {
 *     System.out.println(migration.version() + " " + migration.description());
 * }
 * }</pre>
 */
public interface Registry {

    /**
     * Every migration, in a deterministic topological order (each after all its dependencies,
     * ties broken by ascending version). Reading the list loads no migration class.
     */
    List<MigrationDescriptor> migrations();

    /**
     * The repeatable migrations ({@code R__name.sql} scripts: views, functions, triggers), each
     * applied after the versioned migrations it depends on and applied again whenever its checksum
     * changes, in this order (by name). None by default.
     *
     * <pre>{@code
     * for (MigrationDescriptor view : registry.repeatables()) {
     *     System.out.println(view.description() + " " + view.checksum().orElse(""));
     * }
     * }</pre>
     */
    default List<MigrationDescriptor> repeatables() {
        return List.of();
    }

    /**
     * A digest of every migration's version, dependencies, flags and checksum. The generated
     * registry computes it at compile time. Once the runtime has found a database fully applied and
     * valid, it records the fingerprint in the history table; at the next start a single history
     * row that still carries it proves that neither the code nor the database changed, so the
     * startup check reads one row instead of the whole history. Empty (the default, for registries
     * written by hand) means the runtime always compares the full history.
     */
    default Optional<String> fingerprint() {
        return Optional.empty();
    }

    /** The migration with the given whole-number version, if the application has one. */
    default Optional<MigrationDescriptor> find(long version) {
        return find(MigrationVersion.of(version));
    }

    /** The migration with the given version ({@code 7}, {@code 1.10}), if the application has one. */
    default Optional<MigrationDescriptor> find(MigrationVersion version) {
        for (MigrationDescriptor migration : migrations()) {
            if (migration.version().equals(version)) {
                return Optional.of(migration);
            }
        }
        return Optional.empty();
    }
}
