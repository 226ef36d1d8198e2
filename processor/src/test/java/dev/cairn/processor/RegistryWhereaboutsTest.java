package dev.cairn.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Where the registry is, and what the application's code that uses it sees when the migrations
 * have errors (issue 12 §5: only javac's "cannot find symbol MigrationRegistry" said either).
 */
class RegistryWhereaboutsTest {

    /**
     * Application code that uses the registry the usual ways, imported: javac reports an import it
     * cannot resolve even when an annotation processor failed (uses in method bodies it defers).
     */
    private static JavaFileObject application(String registry) {
        return Sources.lines("com.example.app.Application",
                "package com.example.app;",
                "import " + registry + ";",
                "public class Application {",
                "    public static void main(String[] args) {",
                "        javax.sql.DataSource dataSource = null;",
                "        MigrationRegistry.migrate(dataSource);",
                "        dev.cairn.runtime.Migrator.builder(MigrationRegistry.INSTANCE).dataSource(dataSource).build();",
                "    }",
                "}");
    }

    @Test
    void migrationErrorsAreTheOnlyErrorsInTheCodeThatUsesTheRegistry() {
        Compilation compilation = javac().withProcessors(new MigrationProcessor()).compile(
                Sources.migration("com.example.db", "First", "version = 1", ""),
                Sources.migration("com.example.db", "Second", "version = 1", ""),
                application("com.example.db.MigrationRegistry"));

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[Cairn/DuplicateVersion]");
        assertThat(compilation).hadErrorCount(2); // one on each of the two migrations, nothing on Application
        assertTrue(compilation.errors().stream().noneMatch(d -> d.getMessage(null).contains("cannot find symbol")),
                compilation.errors().stream().map(d -> d.getMessage(null)).collect(Collectors.joining("\n")));
    }

    @Test
    void aRegistryOutsideEveryMigrationsPackageIsNamedInANote() {
        Compilation compilation = javac().withProcessors(new MigrationProcessor()).compile(
                Sources.migration("com.example.db", "First", "version = 1", ""),
                Sources.migration("com.example.billing", "Second", "version = 2, dependsOn = 1", ""),
                application("com.example.MigrationRegistry"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).hadNoteContaining("[Cairn/RegistryLocation] generated the migration registry as "
                + "com.example.MigrationRegistry, in the package common to the migrations' packages "
                + "com.example.billing, com.example.db. Import it from there, or choose its name with "
                + "-Acairn.registry=com.example.db.MigrationRegistry.");
    }

    @Test
    void noNoteWhenTheRegistryIsBesideItsMigrations() {
        Compilation compilation = javac().withProcessors(new MigrationProcessor()).compile(
                Sources.migration("com.example.db", "First", "version = 1", ""),
                application("com.example.db.MigrationRegistry"));

        assertThat(compilation).succeededWithoutWarnings();
        assertTrue(compilation.diagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.NOTE
                && d.getMessage(null).contains("RegistryLocation")));
    }
}
