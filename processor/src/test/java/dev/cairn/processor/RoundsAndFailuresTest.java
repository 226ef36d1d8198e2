package dev.cairn.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import dev.cairn.runtime.Registry;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Deferral across annotation processing rounds, unresolved types, and internal failures. */
class RoundsAndFailuresTest {

    @Test
    void migrationExtendingTypeGeneratedByAnotherProcessorIsDeferredAndRegistered() throws Exception {
        JavaFileObject migration = Sources.lines("com.example.UsesGeneratedBase",
                "package com.example;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.MigrationContext;",
                "@Migration(version = 1)",
                "public class UsesGeneratedBase extends GeneratedBase {",
                "    public void up(MigrationContext context) {}",
                "}");
        GeneratingProcessor generator = new GeneratingProcessor(Map.of("com.example.GeneratedBase", String.join("\n",
                "package com.example;",
                "public abstract class GeneratedBase implements dev.cairn.runtime.JavaMigration {",
                "    @Override public void down(dev.cairn.runtime.MigrationContext context) {}",
                "}")));

        Compilation compilation = javac().withProcessors(new MigrationProcessor(), generator).compile(migration);

        assertThat(compilation).succeededWithoutWarnings();
        Registry registry = new CompiledClasses(compilation).registry("com.example.MigrationRegistry");
        assertThat(registry.find(1).orElseThrow().reversible()).isTrue();
    }

    @Test
    void versionConstantGeneratedByAnotherProcessorIsDeferredAndRegistered() throws Exception {
        JavaFileObject migration = Sources.lines("com.example.UsesGeneratedVersion",
                "package com.example;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.*;",
                "@Migration(version = Versions.FIRST)",
                "public class UsesGeneratedVersion implements JavaMigration {",
                "    public void up(MigrationContext context) {}",
                "}");
        GeneratingProcessor generator = new GeneratingProcessor(Map.of("com.example.Versions", String.join("\n",
                "package com.example;",
                "public final class Versions {",
                "    public static final long FIRST = 20251119143022L;",
                "}")));

        Compilation compilation = javac().withProcessors(new MigrationProcessor(), generator).compile(migration);

        assertThat(compilation).succeededWithoutWarnings();
        Registry registry = new CompiledClasses(compilation).registry("com.example.MigrationRegistry");
        assertThat(registry.find(20251119143022L)).isPresent();
    }

    @Test
    void unresolvedSupertypeIsReportedCleanlyInTheLastRound() {
        JavaFileObject migration = Sources.lines("com.example.Typo",
                "package com.example;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.MigrationContext;",
                "@Migration(version = 1)",
                "public class Typo extends MisspelledBase {",
                "    public void up(MigrationContext context) {}",
                "}");
        JavaFileObject other = Sources.migration("AlsoBroken", "version = 0");

        Compilation compilation = javac().withProcessors(new MigrationProcessor()).compile(migration, other);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("cannot find symbol");
        assertThat(compilation).hadErrorContaining("[Cairn/UnresolvedType] @Migration com.example.Typo cannot be"
                + " checked because its supertype MisspelledBase does not resolve")
                .inFile(migration).onLineContaining("class Typo");
        // The other migrations are still checked, so all problems appear in one build.
        assertThat(compilation).hadErrorContaining("[Cairn/InvalidVersion]").inFile(other);
        assertThat(compilation.errors().toString()).doesNotContain("InternalError");
    }

    @Test
    void migrationWithUnresolvedSupertypeStillCountsInTheGraph() {
        JavaFileObject typo = Sources.lines("com.example.Typo",
                "package com.example;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.MigrationContext;",
                "@Migration(version = 1)",
                "public class Typo extends MisspelledBase {",
                "    public void up(MigrationContext context) {}",
                "}");
        JavaFileObject dependent = Sources.migration("Dependent", "version = 2, dependsOn = 1");
        JavaFileObject clash = Sources.migration("Clash", "version = 1");

        Compilation compilation = javac().withProcessors(new MigrationProcessor()).compile(typo, dependent, clash);

        assertThat(compilation.errors().toString()).doesNotContain("[Cairn/UnknownDependency]");
        assertThat(compilation).hadErrorContaining("[Cairn/DuplicateVersion] version 1 of @Migration"
                + " com.example.Clash is also used by com.example.Typo").inFile(clash);
        assertThat(compilation).hadErrorContaining("[Cairn/UnresolvedType]").inFile(typo);
    }

    @Test
    void unresolvedVersionConstantIsReportedCleanly() {
        JavaFileObject migration = Sources.lines("com.example.BadConstant",
                "package com.example;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.*;",
                "@Migration(version = Missing.VERSION)",
                "public class BadConstant implements JavaMigration {",
                "    public void up(MigrationContext context) {}",
                "}");

        Compilation compilation = javac().withProcessors(new MigrationProcessor()).compile(migration);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[Cairn/UnresolvedType] @Migration com.example.BadConstant cannot"
                + " be checked because its @Migration version value does not resolve");
        assertThat(compilation.errors().toString()).doesNotContain("InternalError");
    }

    @Test
    void migrationGeneratedAfterTheRegistryIsReportedAsLate() {
        GeneratingProcessor generator = new GeneratingProcessor(Map.of("com.example.LateMigration", String.join("\n",
                "package com.example;",
                "@dev.cairn.Migration(version = 2, dependsOn = 1)",
                "public class LateMigration implements dev.cairn.runtime.JavaMigration {",
                "    public void up(dev.cairn.runtime.MigrationContext context) {}",
                "}")));

        Compilation compilation = javac().withProcessors(new MigrationProcessor(), generator)
                .compile(Sources.migration("First", "version = 1"));

        assertThat(compilation).hadErrorContaining("[Cairn/LateMigration] @Migration com.example.LateMigration"
                + " appeared in a later annotation processing round");
    }

    @Test
    void internalFailureIsReportedAsErrorAndNeverEscapesIntoJavac() {
        Compilation compilation = javac()
                .withProcessors(WrappedEnvironmentProcessor.withFailingFiler(new IllegalStateException("disk on fire")))
                .compile(Sources.migration("First", "version = 1"));

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[Cairn/InternalError] the Cairn annotation processor failed"
                + " unexpectedly; this is a bug in Cairn, please report it");
        assertThat(compilation).hadErrorContaining("java.lang.IllegalStateException: disk on fire");
        assertThat(compilation).hadErrorCount(1);
    }
}
