package dev.cairn.runtime.cli;

import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.Registry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * A hand-built registry, shaped like the generated one, so the CLI can be tested in-process
 * without running the annotation processor. Migrations are SQL strings or any JavaMigration.
 */
final class TestRegistry implements Registry {
    private final List<MigrationDescriptor> migrations = new ArrayList<>();
    private final List<Supplier<JavaMigration>> factories = new ArrayList<>();

    /** Adds a reversible SQL migration; {@code down} may be null for an irreversible one. */
    TestRegistry sql(long version, String description, String up, String down, long... dependsOn) {
        return add(version, description, true, down != null, () -> down == null
                ? new Irreversible(up)
                : new Reversible(up, down), dependsOn);
    }

    TestRegistry add(long version, String description, boolean transactional, boolean reversible,
            Supplier<JavaMigration> factory, long... dependsOn) {
        return add(version, description, "checksum-" + version, transactional, reversible, factory, dependsOn);
    }

    TestRegistry add(long version, String description, String checksum, boolean transactional, boolean reversible,
            Supplier<JavaMigration> factory, long... dependsOn) {
        int index = migrations.size();
        migrations.add(new MigrationDescriptor(version, description, dependsOn, "test.V" + version, transactional,
                reversible, checksum, i -> factories.get(i).get(), index));
        factories.add(factory);
        return this;
    }

    @Override
    public List<MigrationDescriptor> migrations() {
        return Collections.unmodifiableList(migrations);
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

    private static class Irreversible implements JavaMigration {
        private final String up;

        Irreversible(String up) {
            this.up = up;
        }

        @Override
        public void up(MigrationContext context) throws Exception {
            context.execute(up);
        }
    }

    private static final class Reversible extends Irreversible {
        private final String down;

        Reversible(String up, String down) {
            super(up);
            this.down = down;
        }

        @Override
        public void down(MigrationContext context) throws Exception {
            context.execute(down);
        }
    }
}
