package dev.cairn.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationFailedException;
import dev.cairn.runtime.MigrationInfo;
import dev.cairn.runtime.MigrationReport;
import dev.cairn.runtime.MigrationState;
import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.Registry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batched migrations (issue 17) in the processor: a {@code @Migration} class that implements
 * {@code BatchedMigration}, directly or through a supertype, is registered with
 * {@code GeneratedMigrations.batchedJavaMigration}, so that the runtime applies it batch by batch;
 * the fingerprint tells a batched migration from a plain one; and the two things a batched class
 * must not do ({@code transactional = false}, overriding {@code up}) are compile errors on the
 * exact spot.
 */
class BatchedMigrationsTest {

    private static final int ROWS = 5_000;

    @TempDir
    Path temporary;

    private static Compilation compile(JavaFileObject... sources) {
        return javac().withProcessors(new MigrationProcessor()).compile(sources);
    }

    /** 1: the items (and an empty table of poisoned ids that make a batch fail); 2 doubles them in batches; 3 after 2. */
    private static List<JavaFileObject> itemsGraph() {
        return List.of(
                Sources.lines("com.example.CreateItems",
                        "package com.example;",
                        "import dev.cairn.Migration;",
                        "import dev.cairn.runtime.*;",
                        "@Migration(version = 1)",
                        "public class CreateItems implements JavaMigration {",
                        "    @Override",
                        "    public void up(MigrationContext context) throws Exception {",
                        "        context.execute(\"CREATE TABLE items (id INTEGER PRIMARY KEY, n INTEGER NOT NULL,"
                                + " doubled INTEGER, touched INTEGER NOT NULL DEFAULT 0)\");",
                        "        context.execute(\"WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq"
                                + " WHERE i < " + ROWS + ") INSERT INTO items (id, n) SELECT i, i % 97 FROM seq\");",
                        "        context.execute(\"CREATE TABLE poison (id INTEGER PRIMARY KEY)\");",
                        "    }",
                        "}"),
                Sources.lines("com.example.DoubleItems",
                        "package com.example;",
                        "import dev.cairn.Migration;",
                        "import dev.cairn.runtime.*;",
                        "import java.util.Optional;",
                        "import java.util.OptionalLong;",
                        "@Migration(version = 2, dependsOn = 1)",
                        "public class DoubleItems implements BatchedMigration {",
                        "    @Override",
                        "    public Optional<Batch> nextBatch(MigrationContext context, Optional<BatchKey> after,"
                                + " int batchSize) throws Exception {",
                        "        return Batches.nextByLongKey(context, \"items\", \"id\", null, after, batchSize);",
                        "    }",
                        "    @Override",
                        "    public void processBatch(MigrationContext context, Batch batch) throws Exception {",
                        "        long first = batch.first().asLong();",
                        "        long last = batch.last().asLong();",
                        "        context.execute(\"UPDATE items SET doubled = n * 2, touched = touched + 1"
                                + " WHERE id BETWEEN ? AND ?\", first, last);",
                        "        if (Batches.count(context, \"SELECT COUNT(*) FROM poison WHERE id BETWEEN ? AND ?\","
                                + " first, last).getAsLong() > 0) {",
                        "            throw new IllegalStateException(\"a poisoned item in \" + batch);",
                        "        }",
                        "    }",
                        "    @Override",
                        "    public OptionalLong countRows(MigrationContext context) throws Exception {",
                        "        return Batches.count(context, \"SELECT COUNT(*) FROM items\");",
                        "    }",
                        "    @Override",
                        "    public BatchSettings batchSettings() {",
                        "        return BatchSettings.of(400);",
                        "    }",
                        "    @Override",
                        "    public void verify(MigrationContext context) throws Exception {",
                        "        Batches.requireNone(context, \"SELECT COUNT(*) FROM items WHERE doubled IS NULL\","
                                + " \"items not doubled\");",
                        "    }",
                        "    @Override",
                        "    public void down(MigrationContext context) throws Exception {",
                        "        context.execute(\"UPDATE items SET doubled = NULL\");",
                        "    }",
                        "}"),
                Sources.lines("com.example.IndexDoubled",
                        "package com.example;",
                        "import dev.cairn.Migration;",
                        "import dev.cairn.runtime.*;",
                        "@Migration(version = 3, dependsOn = 2)",
                        "public class IndexDoubled implements JavaMigration {",
                        "    @Override",
                        "    public void up(MigrationContext context) throws Exception {",
                        "        context.execute(\"CREATE INDEX items_doubled ON items (doubled)\");",
                        "    }",
                        "}"));
    }

    private static Registry registry(Compilation compilation) throws Exception {
        return new CompiledClasses(compilation).registry("com.example.MigrationRegistry");
    }

    // ---- the flag in the generated registry

    @Test
    void batchedMigrationIsRegisteredAsBatchedAndTheOthersAreNot() throws Exception {
        Compilation compilation = compile(itemsGraph().toArray(new JavaFileObject[0]));

        assertThat(compilation).succeededWithoutWarnings();
        Registry registry = registry(compilation);
        MigrationDescriptor batched = registry.find(2).orElseThrow();
        assertThat(batched.batched()).isTrue();
        assertThat(batched.transactional()).isTrue();
        assertThat(batched.reversible()).isTrue();
        assertThat(batched.className()).isEqualTo("com.example.DoubleItems");
        assertThat(batched.dependsOn()).containsExactly(MigrationVersion.of(1));
        assertThat(batched.checksum().orElseThrow()).matches("sha256:[0-9a-f]{64}");
        assertThat(registry.find(1).orElseThrow().batched()).isFalse();
        assertThat(registry.find(3).orElseThrow().batched()).isFalse();
        assertThat(batched.newInstance().getClass().getName()).isEqualTo("com.example.DoubleItems");
    }

    @Test
    void generatedRegistryWithABatchedMigrationMatchesItsGoldenFile() throws Exception {
        Compilation compilation = compile(itemsGraph().toArray(new JavaFileObject[0]));

        assertThat(compilation).succeededWithoutWarnings();
        RegistryGenerationTest.assertRegistryMatchesGolden(compilation, "golden/BatchedRegistry.java.golden");
    }

    @Test
    void aClassIsBatchedThroughASuperclassOrASuperinterfaceAndReversibleWhenItImplementsDown() throws Exception {
        Compilation compilation = compile(
                Sources.lines("com.example.KeysetBackfill",
                        "package com.example;",
                        "import dev.cairn.runtime.*;",
                        "import java.util.Optional;",
                        "public abstract class KeysetBackfill implements BatchedMigration {",
                        "    @Override",
                        "    public Optional<Batch> nextBatch(MigrationContext context, Optional<BatchKey> after,"
                                + " int batchSize) {",
                        "        return Optional.empty();",
                        "    }",
                        "}"),
                Sources.lines("com.example.Backfill",
                        "package com.example;",
                        "import dev.cairn.runtime.*;",
                        "public interface Backfill extends BatchedMigration {",
                        "}"),
                Sources.lines("com.example.ThroughSuperclass",
                        "package com.example;",
                        "import dev.cairn.Migration;",
                        "import dev.cairn.runtime.*;",
                        "@Migration(version = 1)",
                        "public class ThroughSuperclass extends KeysetBackfill {",
                        "    @Override",
                        "    public void processBatch(MigrationContext context, Batch batch) {}",
                        "    @Override",
                        "    public void down(MigrationContext context) {}",
                        "}"),
                Sources.lines("com.example.ThroughInterface",
                        "package com.example;",
                        "import dev.cairn.Migration;",
                        "import dev.cairn.runtime.*;",
                        "import java.util.Optional;",
                        "@Migration(version = 2, dependsOn = 1)",
                        "public class ThroughInterface implements Backfill {",
                        "    @Override",
                        "    public Optional<Batch> nextBatch(MigrationContext context, Optional<BatchKey> after,"
                                + " int batchSize) {",
                        "        return Optional.empty();",
                        "    }",
                        "    @Override",
                        "    public void processBatch(MigrationContext context, Batch batch) {}",
                        "}"));

        assertThat(compilation).succeededWithoutWarnings();
        Registry registry = registry(compilation);
        assertThat(registry.find(1).orElseThrow().batched()).isTrue();
        assertThat(registry.find(1).orElseThrow().reversible()).isTrue();
        assertThat(registry.find(2).orElseThrow().batched()).isTrue();
        assertThat(registry.find(2).orElseThrow().reversible()).isFalse();
    }

    // ---- end to end on SQLite

    /**
     * The generated registry applied to a real SQLite file: migration 2 runs in batches of 400 over
     * 5,000 rows; a batch that fails (a poisoned id) leaves the committed batches and a checkpoint,
     * its dependent waits, and the next migrate resumes from the failed batch. The {@code touched}
     * counter proves no row was processed twice and none skipped.
     */
    @Test
    void generatedBatchedMigrationRunsOnSqliteAndResumesAfterAFailedBatch() throws Exception {
        Compilation compilation = compile(itemsGraph().toArray(new JavaFileObject[0]));
        assertThat(compilation).succeededWithoutWarnings();
        Registry registry = registry(compilation);
        String url = "jdbc:sqlite:" + temporary.resolve("items.db");
        Migrator migrator = Migrator.builder(registry).jdbcUrl(url).build();
        migrator.migrate(1);
        execute(url, "INSERT INTO poison (id) VALUES (2100)");

        MigrationFailedException failure = assertThrows(MigrationFailedException.class, migrator::migrate);

        assertThat(failure.getMessage()).contains("batch 6 (keys 2001..2400 (400 rows))");
        assertThat(failure.getMessage()).contains("a poisoned item in keys 2001..2400");
        assertThat(count(url, "SELECT COUNT(*) FROM items WHERE touched = 1")).isEqualTo(2_000);
        assertThat(count(url, "SELECT COUNT(*) FROM items WHERE touched > 1")).isEqualTo(0);
        assertThat(count(url, "SELECT last_key FROM cairn_schema_history_batches")).isEqualTo(2_000);
        assertThat(info(migrator, 2).state()).isEqualTo(MigrationState.IN_PROGRESS);
        assertThat(info(migrator, 2).batchProgress().orElseThrow().rowsDone()).isEqualTo(2_000);
        assertThat(info(migrator, 3).state()).isEqualTo(MigrationState.PENDING);

        execute(url, "DELETE FROM poison");
        MigrationReport resumed = migrator.migrate();

        assertThat(resumed.applied().stream().map(e -> e.migration().version().asLong())
                .collect(Collectors.toList())).containsExactly(2L, 3L).inOrder();
        assertThat(count(url, "SELECT COUNT(*) FROM items WHERE touched = 1 AND doubled = n * 2")).isEqualTo(ROWS);
        assertThat(count(url, "SELECT COUNT(*) FROM cairn_schema_history_batches")).isEqualTo(0);
        assertThat(info(migrator, 2).state()).isEqualTo(MigrationState.APPLIED);
        assertThat(migrator.migrate().wasUpToDate()).isTrue();
    }

    private static MigrationInfo info(Migrator migrator, long version) {
        return migrator.info().migrations().stream()
                .filter(m -> !m.repeatable() && m.version().equals(MigrationVersion.of(version)))
                .findFirst().orElseThrow();
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static long count(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    // ---- the fingerprint

    /**
     * The migration's own source is the same in both builds; only its superclass changes from a
     * plain to a batched migration. Its checksum therefore stays, and the registry's fingerprint
     * must change, or a database verified by the first build would count as up to date.
     */
    @Test
    void fingerprintChangesWhenAMigrationBecomesBatchedThoughItsSourceDoesNot() throws Exception {
        JavaFileObject migration = Sources.lines("com.example.Backfill",
                "package com.example;",
                "import dev.cairn.Migration;",
                "@Migration(version = 1)",
                "public class Backfill extends Base {",
                "}");
        Registry plain = registry(compile(migration, Sources.lines("com.example.Base",
                "package com.example;",
                "import dev.cairn.runtime.*;",
                "public abstract class Base implements JavaMigration {",
                "    @Override",
                "    public void up(MigrationContext context) {}",
                "}")));
        Registry batched = registry(compile(migration, Sources.lines("com.example.Base",
                "package com.example;",
                "import dev.cairn.runtime.*;",
                "import java.util.Optional;",
                "public abstract class Base implements BatchedMigration {",
                "    @Override",
                "    public Optional<Batch> nextBatch(MigrationContext context, Optional<BatchKey> after, int size) {",
                "        return Optional.empty();",
                "    }",
                "    @Override",
                "    public void processBatch(MigrationContext context, Batch batch) {}",
                "}")));

        assertThat(plain.migrations().get(0).batched()).isFalse();
        assertThat(batched.migrations().get(0).batched()).isTrue();
        assertThat(batched.migrations().get(0).checksum()).isEqualTo(plain.migrations().get(0).checksum());
        assertThat(batched.fingerprint().orElseThrow()).isNotEqualTo(plain.fingerprint().orElseThrow());
    }

    // ---- diagnostics

    @Test
    void rejectsTransactionalFalseOnABatchedMigrationOnTheAnnotationValue() {
        JavaFileObject source = Sources.lines("com.example.Backfill",
                "package com.example;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.*;",
                "import java.util.Optional;",
                "@Migration(version = 1,",
                "        transactional = false)",
                "public class Backfill implements BatchedMigration {",
                "    @Override",
                "    public Optional<Batch> nextBatch(MigrationContext context, Optional<BatchKey> after, int size) {",
                "        return Optional.empty();",
                "    }",
                "    @Override",
                "    public void processBatch(MigrationContext context, Batch batch) {}",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/BatchedNotTransactional] @Migration com.example.Backfill is"
                + " a BatchedMigration, so each of its batches runs in a transaction of its own that also commits its"
                + " checkpoint; it cannot run outside a transaction. Remove 'transactional = false'.")
                .inFile(source).onLine(6);
    }

    @Test
    void rejectsABatchedMigrationThatOverridesUpOnTheMethod() {
        JavaFileObject source = Sources.lines("com.example.Backfill",
                "package com.example;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.*;",
                "import java.util.Optional;",
                "@Migration(version = 1)",
                "public class Backfill implements BatchedMigration {",
                "    @Override",
                "    public Optional<Batch> nextBatch(MigrationContext context, Optional<BatchKey> after, int size) {",
                "        return Optional.empty();",
                "    }",
                "    @Override",
                "    public void processBatch(MigrationContext context, Batch batch) {}",
                "    @Override",
                "    public void up(MigrationContext context) throws Exception {",
                "        context.execute(\"ALTER TABLE items ADD COLUMN doubled INTEGER\");",
                "    }",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/BatchedOverridesUp] @Migration com.example.Backfill is a"
                + " BatchedMigration but overrides up(MigrationContext). Cairn runs a batched migration through"
                + " nextBatch and processBatch, one transaction per batch, and calls up only in singleTransaction"
                + " mode, so this up would silently not run in a normal migrate.")
                .inFile(source).onLine(14);
    }

    @Test
    void rejectsABatchedMigrationThatInheritsAnUpFromAPlainBaseClassOnItsAnnotation() {
        JavaFileObject base = Sources.lines("com.example.Base",
                "package com.example;",
                "import dev.cairn.runtime.*;",
                "public abstract class Base implements JavaMigration {",
                "    @Override",
                "    public void up(MigrationContext context) {}",
                "}");
        JavaFileObject source = Sources.lines("com.example.Backfill",
                "package com.example;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.*;",
                "import java.util.Optional;",
                "@Migration(version = 1)",
                "public class Backfill extends Base implements BatchedMigration {",
                "    @Override",
                "    public Optional<Batch> nextBatch(MigrationContext context, Optional<BatchKey> after, int size) {",
                "        return Optional.empty();",
                "    }",
                "    @Override",
                "    public void processBatch(MigrationContext context, Batch batch) {}",
                "}");

        Compilation compilation = compile(base, source);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/BatchedOverridesUp] @Migration com.example.Backfill is a"
                + " BatchedMigration but inherits an up(MigrationContext) from com.example.Base that replaces"
                + " BatchedMigration's.")
                .inFile(source).onLine(5);
    }
}
