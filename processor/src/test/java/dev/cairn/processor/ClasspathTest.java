package dev.cairn.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import dev.cairn.Migration;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the processor does with what is, or is not, on the compile classpath. */
class ClasspathTest {

    /** The runtime's contract without the engine, as in a build against an older runtime. */
    private static final List<String> CONTRACT = List.of(
            "JavaMigration", "MigrationContext", "MigrationDescriptor", "MigrationFactory", "Registry");

    @TempDir
    Path temporary;

    private static File annotationsLocation() throws URISyntaxException {
        return new File(Migration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private File contractOnly() throws IOException {
        Path runtime = temporary.resolve("runtime-contract");
        for (String type : CONTRACT) {
            String resource = "dev/cairn/runtime/" + type + ".class";
            Path target = runtime.resolve(resource);
            Files.createDirectories(target.getParent());
            try (InputStream in = ClasspathTest.class.getClassLoader().getResourceAsStream(resource)) {
                Files.copy(in, target);
            }
        }
        return runtime.toFile();
    }

    @Test
    void migrateMethodIsOmittedWhenTheRuntimeHasNoMigrator() throws Exception {
        Compilation compilation = javac()
                .withProcessors(new MigrationProcessor())
                .withClasspath(List.of(annotationsLocation(), contractOnly()))
                .compile(BranchingGraph.sources());

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("com.example.MigrationRegistry")
                .contentsAsUtf8String().doesNotContain("MigrationReport migrate(");
    }

    @Test
    void missingRuntimeIsReportedOnceWithTheDependencyToAdd() throws Exception {
        Compilation compilation = javac()
                .withProcessors(new MigrationProcessor())
                .withClasspath(List.of(annotationsLocation()))
                .compile(Sources.lines("com.example.First",
                        "package com.example;",
                        "@dev.cairn.Migration(version = 1)",
                        "public class First {",
                        "}"), Sources.lines("com.example.Second",
                        "package com.example;",
                        "@dev.cairn.Migration(version = 2)",
                        "public class Second {",
                        "}"));

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[Cairn/MissingRuntime] dev.cairn.runtime.JavaMigration is not on"
                + " the compile classpath").inFile(compilation.sourceFiles().get(0)).onLineContaining("class First");
        assertThat(compilation).hadErrorContaining("Add the dev.cairn:cairn-runtime dependency");
    }

    @Test
    void recordIsNotAClassTheRegistryCanUse() {
        Compilation compilation = javac().withProcessors(new MigrationProcessor()).compile(Sources.lines(
                "com.example.Recorded",
                "package com.example;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.*;",
                "@Migration(version = 1)",
                "public record Recorded() implements JavaMigration {",
                "    public void up(MigrationContext context) {}",
                "}"));

        assertThat(compilation).hadErrorContaining("[Cairn/NotAClass] @Migration com.example.Recorded is a record")
                .inFile(compilation.sourceFiles().get(0)).onLineContaining("record Recorded");
        assertThat(compilation).hadErrorCount(1);
    }
}
