package dev.cairn.processor;

import java.util.List;
import javax.tools.JavaFileObject;

/**
 * A small branching and merging graph used by several tests:
 * <pre>
 * 1 CreateUsers <- 2 AddUserEmail <------------- 5 LinkOrdersToUsers <- 6 Outer.RebuildIndexes
 *               <- 4 CreateOrders <- 3 BackfillOrderTotals <-/
 * </pre>
 * The expected order is 1, 2, 4, 3, 5, 6: version 3 must wait for 4.
 */
final class BranchingGraph {

    private BranchingGraph() {
    }

    static List<JavaFileObject> sources() {
        return List.of(
                Sources.migration("CreateUsers", "version = 1"),
                Sources.migration("com.example", "AddUserEmail", "version = 2, dependsOn = 1", String.join("\n",
                        "    @Override",
                        "    public void down(MigrationContext context) throws Exception {",
                        "        context.execute(\"ALTER TABLE users DROP COLUMN email\");",
                        "    }")),
                Sources.migration("com.example", "BackfillOrderTotals",
                        "version = 3, dependsOn = 4, transactional = false, description = \"Backfill order totals in batches\"",
                        ""),
                Sources.migration("CreateOrders", "version = 4, dependsOn = 1"),
                Sources.lines("com.example.ReversibleBase",
                        "package com.example;",
                        "import dev.cairn.runtime.JavaMigration;",
                        "import dev.cairn.runtime.MigrationContext;",
                        "/** Migrations that undo themselves by running their statements' inverse. */",
                        "public abstract class ReversibleBase implements JavaMigration {",
                        "    @Override",
                        "    public void down(MigrationContext context) throws Exception {",
                        "    }",
                        "}"),
                Sources.lines("com.example.LinkOrdersToUsers",
                        "package com.example;",
                        "import dev.cairn.Migration;",
                        "import dev.cairn.runtime.MigrationContext;",
                        "@Migration(version = 5, dependsOn = {2, 3})",
                        "public final class LinkOrdersToUsers extends ReversibleBase {",
                        "    @Override",
                        "    public void up(MigrationContext context) throws Exception {",
                        "        context.execute(\"ALTER TABLE orders ADD COLUMN user_id INTEGER\");",
                        "    }",
                        "}"),
                Sources.lines("com.example.Outer",
                        "package com.example;",
                        "import dev.cairn.Migration;",
                        "import dev.cairn.runtime.JavaMigration;",
                        "import dev.cairn.runtime.MigrationContext;",
                        "public final class Outer {",
                        "    @Migration(version = 6, dependsOn = 5)",
                        "    public static final class RebuildIndexes implements JavaMigration {",
                        "        @Override",
                        "        public void up(MigrationContext context) throws Exception {",
                        "            context.execute(\"REINDEX\");",
                        "        }",
                        "    }",
                        "}"));
    }

    /** Stand-ins for the runtime's engine, so the generated migrate(DataSource) method is tested. */
    static List<JavaFileObject> migratorStubs() {
        return List.of(
                Sources.lines("dev.cairn.runtime.Migrator",
                        "package dev.cairn.runtime;",
                        "public final class Migrator {",
                        "    public static Builder builder(Registry registry) { return new Builder(); }",
                        "    public MigrationReport migrate() { return new MigrationReport(); }",
                        "    public static final class Builder {",
                        "        public Builder dataSource(javax.sql.DataSource dataSource) { return this; }",
                        "        public Migrator build() { return new Migrator(); }",
                        "    }",
                        "}"),
                Sources.lines("dev.cairn.runtime.MigrationReport",
                        "package dev.cairn.runtime;",
                        "public final class MigrationReport {",
                        "}"));
    }
}
