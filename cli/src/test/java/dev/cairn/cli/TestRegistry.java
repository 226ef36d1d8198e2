package dev.cairn.cli;

import dev.cairn.runtime.BatchedMigration;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.Registry;
import java.util.List;
import java.util.function.Supplier;

/**
 * The CLI tests' short way to write a registry: one call per migration, SQL strings or any
 * JavaMigration. It only adapts {@link dev.cairn.runtime.testing.TestRegistry}, which builds the
 * descriptors for every runtime test.
 */
final class TestRegistry implements Registry {
    private final dev.cairn.runtime.testing.TestRegistry.Builder builder =
            dev.cairn.runtime.testing.TestRegistry.builder();
    private dev.cairn.runtime.testing.TestRegistry built;

    /** Adds a reversible SQL migration; {@code down} may be null for an irreversible one. */
    TestRegistry sql(long version, String description, String up, String down, long... dependsOn) {
        builder.migration(version).className("test.V" + version).description(description).dependsOn(dependsOn).up(up);
        if (down != null) {
            builder.down(down);
        }
        built = null;
        return this;
    }

    /** Adds a SQL migration whose version, or a dependency's, has parts ({@code "1.10"}). */
    TestRegistry sql(String version, String description, String up, String... dependsOn) {
        builder.migration(version).className("test.V" + version.replace('.', '_')).description(description)
                .dependsOn(dependsOn).up(up);
        built = null;
        return this;
    }

    /** Adds a SQL script migration over a test resource; {@code undo} may be null for an irreversible one. */
    TestRegistry script(long version, String description, String script, String undo, long... dependsOn) {
        builder.migration(version).description(description).dependsOn(dependsOn).sqlScript(script);
        if (undo != null) {
            builder.undoScript(undo);
        }
        built = null;
        return this;
    }

    /** Overrides the checksum of the migration added last, as if it was compiled from another text. */
    TestRegistry checksum(String checksum) {
        builder.checksum(checksum);
        built = null;
        return this;
    }

    TestRegistry add(long version, String description, boolean transactional, boolean reversible,
            Supplier<JavaMigration> factory, long... dependsOn) {
        return add(version, description, "checksum-" + version, transactional, reversible, factory, dependsOn);
    }

    TestRegistry add(long version, String description, String checksum, boolean transactional, boolean reversible,
            Supplier<JavaMigration> factory, long... dependsOn) {
        builder.migration(version).className("test.V" + version).description(description).checksum(checksum)
                .dependsOn(dependsOn)
                .up(context -> factory.get().up(context));
        if (!transactional) {
            builder.nonTransactional();
        }
        if (reversible) {
            builder.down(context -> factory.get().down(context));
        }
        built = null;
        return this;
    }

    /** Adds a batched migration, created anew by {@code factory} each time it runs. */
    TestRegistry batched(long version, String description, Supplier<BatchedMigration> factory, long... dependsOn) {
        builder.migration(version).className("test.V" + version).description(description).checksum("checksum-" + version)
                .dependsOn(dependsOn).batched(factory);
        built = null;
        return this;
    }

    @Override
    public List<MigrationDescriptor> migrations() {
        // Built once per shape, so the engine sees the same descriptors on every call.
        if (built == null) {
            built = builder.build();
        }
        return built.migrations();
    }

    @Override
    public List<MigrationDescriptor> repeatables() {
        migrations();
        return built.repeatables();
    }

    /** Adds a repeatable migration named {@code description}, with {@code checksum} standing for its script. */
    TestRegistry repeatable(String description, String checksum, String up, String... dependsOn) {
        builder.repeatable(description).checksum(checksum).dependsOn(dependsOn).up(up);
        built = null;
        return this;
    }

    /** A bookshop-like graph with a branch (2 and 3 both depend on 1) and a merge (4). */
    static TestRegistry branchingShop() {
        return new TestRegistry()
                .sql(1, "Create books", "CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT)", "DROP TABLE books")
                .sql(2, "Create reviews", "CREATE TABLE reviews (id INTEGER PRIMARY KEY, book_id INTEGER)",
                        "DROP TABLE reviews", 1)
                .sql(3, "Add \"stock\" column", "ALTER TABLE books ADD COLUMN stock INTEGER", null, 1)
                .sql(4, "Create shop window", "CREATE VIEW shop_window AS SELECT id, title FROM books",
                        "DROP VIEW shop_window", 2, 3);
    }
}
