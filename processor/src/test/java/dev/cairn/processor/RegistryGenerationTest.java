package dev.cairn.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.Registry;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class RegistryGenerationTest {

    private static Compilation compileBranchingGraph() {
        List<JavaFileObject> sources = new ArrayList<>(BranchingGraph.sources());
        sources.addAll(BranchingGraph.migratorStubs());
        return javac().withProcessors(new MigrationProcessor()).compile(sources);
    }

    @Test
    void generatesReadableRegistryForBranchingGraphWithoutAnyWarning() throws IOException {
        Compilation compilation = compileBranchingGraph();

        assertThat(compilation).succeededWithoutWarnings();
        assertRegistryMatchesGolden(compilation, "golden/BranchingMigrationRegistry.java.golden");
    }

    /**
     * Compares the generated com.example.MigrationRegistry with a golden file. After an intended
     * change to the generated code: mvn test -Dcairn.updateGolden=true, then review the diff.
     */
    static void assertRegistryMatchesGolden(Compilation compilation, String golden) throws IOException {
        if (Boolean.getBoolean("cairn.updateGolden")) {
            Files.writeString(Path.of("src/test/resources", golden), compilation
                    .generatedSourceFile("com.example.MigrationRegistry").orElseThrow()
                    .getCharContent(false).toString());
        }
        assertThat(compilation)
                .generatedSourceFile("com.example.MigrationRegistry")
                .contentsAsUtf8String()
                .isEqualTo(golden(golden));
    }

    @Test
    void registryListsMigrationsInTopologicalOrderWithTiesBrokenByVersion() throws Exception {
        Registry registry = new CompiledClasses(compileBranchingGraph()).registry("com.example.MigrationRegistry");

        List<Long> versions = new ArrayList<>();
        for (MigrationDescriptor migration : registry.migrations()) {
            versions.add(migration.version().asLong());
        }
        assertThat(versions).containsExactly(1L, 2L, 4L, 3L, 5L, 6L).inOrder();
    }

    @Test
    void descriptorsCarryEverythingKnownAtCompileTime() throws Exception {
        Registry registry = new CompiledClasses(compileBranchingGraph()).registry("com.example.MigrationRegistry");

        MigrationDescriptor backfill = registry.find(3).orElseThrow();
        assertThat(backfill.description()).isEqualTo("Backfill order totals in batches");
        assertThat(backfill.dependsOn().stream().map(dev.cairn.runtime.MigrationVersion::asLong)
                .collect(java.util.stream.Collectors.toList())).containsExactly(4L);
        assertThat(backfill.className()).isEqualTo("com.example.BackfillOrderTotals");
        assertThat(backfill.transactional()).isFalse();
        assertThat(backfill.reversible()).isFalse();
        assertThat(backfill.checksum().orElseThrow()).matches("sha256:[0-9a-f]{64}");

        MigrationDescriptor link = registry.find(5).orElseThrow();
        assertThat(link.description()).isEqualTo("Link orders to users");
        assertThat(link.dependsOn().stream().map(dev.cairn.runtime.MigrationVersion::asLong)
                .collect(java.util.stream.Collectors.toList())).containsExactly(2L, 3L).inOrder();
        assertThat(link.transactional()).isTrue();
        assertWithMessage("down() inherited from ReversibleBase").that(link.reversible()).isTrue();

        assertThat(registry.find(2).orElseThrow().reversible()).isTrue();
        assertThat(registry.find(6).orElseThrow().className()).isEqualTo("com.example.Outer$RebuildIndexes");
        for (MigrationDescriptor migration : registry.migrations()) {
            assertThat(migration.checksum()).isPresent();
        }
    }

    @Test
    void readingDescriptorsLoadsNoMigrationClassUntilOneIsInstantiated() throws Exception {
        CompiledClasses classes = new CompiledClasses(compileBranchingGraph());
        Registry registry = classes.registry("com.example.MigrationRegistry");

        for (MigrationDescriptor migration : registry.migrations()) {
            migration.description();
            migration.dependsOn();
            migration.checksum();
        }
        for (MigrationDescriptor migration : registry.migrations()) {
            assertThat(classes.loadedClasses()).doesNotContain(migration.className());
        }

        JavaMigration instance = registry.find(6).orElseThrow().newInstance();

        assertThat(instance.getClass().getName()).isEqualTo("com.example.Outer$RebuildIndexes");
        assertThat(classes.loadedClasses()).contains("com.example.Outer$RebuildIndexes");
        assertThat(classes.loadedClasses()).doesNotContain("com.example.CreateUsers");
    }

    @Test
    void everyDescriptorCreatesAnInstanceOfItsOwnClassThatRuns() throws Exception {
        Registry registry = new CompiledClasses(compileBranchingGraph()).registry("com.example.MigrationRegistry");
        List<String> executed = new ArrayList<>();
        MigrationContext context = (MigrationContext) Proxy.newProxyInstance(
                MigrationContext.class.getClassLoader(), new Class<?>[] {MigrationContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("execute")) {
                        executed.add((String) args[0]);
                        return 0;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });

        for (MigrationDescriptor migration : registry.migrations()) {
            JavaMigration instance = migration.newInstance();
            assertThat(instance.getClass().getName()).isEqualTo(migration.className());
            instance.up(context);
        }

        assertThat(executed).containsExactly(
                "SELECT 'CreateUsers'",
                "SELECT 'AddUserEmail'",
                "SELECT 'CreateOrders'",
                "SELECT 'BackfillOrderTotals'",
                "ALTER TABLE orders ADD COLUMN user_id INTEGER",
                "REINDEX").inOrder();
    }

    @Test
    void registryGoesIntoLongestCommonPackageOfMigrations() {
        Compilation compilation = javac().withProcessors(new MigrationProcessor()).compile(
                Sources.migration("com.example.db.users", "CreateUsers", "version = 1", ""),
                Sources.migration("com.example.db.orders", "CreateOrders", "version = 2, dependsOn = 1", ""));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("com.example.db.MigrationRegistry");
    }

    @Test
    void migrationsInTheUnnamedPackageGetARegistryThere() throws Exception {
        Compilation compilation = javac().withProcessors(new MigrationProcessor()).compile(Sources.lines("Init",
                "@dev.cairn.Migration(version = 1)",
                "public class Init implements dev.cairn.runtime.JavaMigration {",
                "    public void up(dev.cairn.runtime.MigrationContext context) {}",
                "}"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(new CompiledClasses(compilation).registry("MigrationRegistry").migrations()).hasSize(1);
    }

    @Test
    void registryOptionOverridesPackageAndSimpleName() throws Exception {
        Compilation compilation = javac()
                .withProcessors(new MigrationProcessor())
                .withOptions("-Acairn.registry=com.acme.schema.Migrations")
                .compile(Sources.migration("CreateUsers", "version = 1"));

        assertThat(compilation).succeededWithoutWarnings();
        Registry registry = new CompiledClasses(compilation).registry("com.acme.schema.Migrations");
        assertThat(registry.migrations()).hasSize(1);
    }

    @Test
    void migrateMethodIsGeneratedWhenMigratorIsOnTheClasspath() throws IOException {
        assertThat(compileBranchingGraph())
                .generatedSourceFile("com.example.MigrationRegistry")
                .contentsAsUtf8String()
                .contains("public static MigrationReport migrate(DataSource dataSource) {\n"
                        + "        return Migrator.builder(INSTANCE).dataSource(dataSource).build().migrate();");
    }

    @Test
    void deprecatedMigrationsCompileWithoutWarningsInGeneratedCode() {
        Compilation compilation = javac()
                .withProcessors(new MigrationProcessor())
                .withOptions("-Xlint:all,-processing")
                .compile(Sources.lines("com.example.Old",
                        "package com.example;",
                        "import dev.cairn.Migration;",
                        "import dev.cairn.runtime.*;",
                        "@Deprecated(forRemoval = true)",
                        "@Migration(version = 1)",
                        "public class Old implements JavaMigration {",
                        "    public void up(MigrationContext context) {}",
                        "}"));

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void genericMigrationClassIsCreatedWithDiamond() throws Exception {
        Compilation compilation = javac().withProcessors(new MigrationProcessor()).compile(Sources.lines(
                "com.example.Generic",
                "package com.example;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.*;",
                "@Migration(version = 1)",
                "public class Generic<T> implements JavaMigration {",
                "    public void up(MigrationContext context) {}",
                "}"));

        assertThat(compilation).succeededWithoutWarnings();
        Registry registry = new CompiledClasses(compilation).registry("com.example.MigrationRegistry");
        assertThat(registry.migrations().get(0).newInstance().getClass().getName()).isEqualTo("com.example.Generic");
    }

    @Test
    void fingerprintIsStableForTheSameMigrationsAndChangesWhenOneIsEdited() throws Exception {
        String original = fingerprintOf("");
        String sameAgain = fingerprintOf("");
        String edited = fingerprintOf("    public void down(MigrationContext context) {}");

        assertThat(original).startsWith("sha256:");
        assertThat(sameAgain).isEqualTo(original);
        assertThat(edited).isNotEqualTo(original);
    }

    @Test
    void creatingTheInstanceBuildsNoDescriptorsUntilTheyAreAsked() throws Exception {
        CompiledClasses classes = new CompiledClasses(compileBranchingGraph());
        Registry registry = classes.registry("com.example.MigrationRegistry");

        registry.fingerprint();
        assertThat(classes.loadedClasses()).doesNotContain("com.example.MigrationRegistry$Descriptors");
        registry.migrations();
        assertThat(classes.loadedClasses()).contains("com.example.MigrationRegistry$Descriptors");
    }

    private static String fingerprintOf(String secondMigrationBody) throws Exception {
        Compilation compilation = javac().withProcessors(new MigrationProcessor()).compile(
                Sources.migration("com.example", "CreateUsers", "version = 1", ""),
                Sources.migration("com.example", "AddUserEmail", "version = 2, dependsOn = 1", secondMigrationBody));
        assertThat(compilation).succeeded();
        return new CompiledClasses(compilation).registry("com.example.MigrationRegistry").fingerprint().orElseThrow();
    }

    static String golden(String resource) throws IOException {
        try (InputStream in = RegistryGenerationTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
