package dev.cairn.processor.fuzz;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.cairn.processor.CompiledClasses;
import dev.cairn.processor.MigrationProcessor;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One fixed, small case for every bug {@link ProcessorFuzzTest} found, so that each stays fixed
 * whatever the generator produces later. Each test names the seed and case that found it.
 */
class FuzzRegressionTest {

    private static Compilation compile(JavaFileObject... sources) {
        return javac().withProcessors(new MigrationProcessor()).compile(sources);
    }

    private static List<String> cairnErrors(Compilation compilation) {
        return compilation.errors().stream()
                .map(d -> d.getMessage(null))
                .filter(message -> message.startsWith("[Cairn/"))
                .collect(Collectors.toList());
    }

    /**
     * Found by seed 20251122, cases 104, 137, 182 and 190 (and 9 of the first 1,000 cases of seed
     * 1): when no migration's annotation resolved, the processor also reported "[Cairn/NoCommonPackage]
     * the migrations are in packages , which share no common package", a false lead.
     */
    @Test
    void migrationWhoseVersionDoesNotResolveIsReportedOnlyAsUnresolved() {
        JavaFileObject migration = JavaFileObjects.forSourceLines("com.example.fuzz.Mig00",
                "package com.example.fuzz;",
                "@dev.cairn.Migration(version = MissingVersions.VERSION)",
                "public class Mig00 implements dev.cairn.runtime.JavaMigration {",
                "    public void up(dev.cairn.runtime.MigrationContext context) {}",
                "}");

        Compilation compilation = compile(migration);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("cannot find symbol");
        assertThat(cairnErrors(compilation)).hasSize(1);
        assertThat(compilation).hadErrorContaining("[Cairn/UnresolvedType] @Migration com.example.fuzz.Mig00 cannot be"
                + " checked because its @Migration version value does not resolve").inFile(migration).onLine(3);
    }

    /**
     * Found by seed 20251122, case 478, once the SQL-migration work had merged: with every
     * migration's annotation unresolved, a malformed -Acairn.registry went unreported, so fixing
     * the first error only revealed the second.
     */
    @Test
    void badRegistryOptionIsReportedEvenWhenNoMigrationResolves() {
        JavaFileObject migration = JavaFileObjects.forSourceLines("com.example.fuzz.Mig00",
                "package com.example.fuzz;",
                "@dev.cairn.Migration(version = MissingVersions.VERSION)",
                "public class Mig00 implements dev.cairn.runtime.JavaMigration {",
                "    public void up(dev.cairn.runtime.MigrationContext context) {}",
                "}");

        Compilation compilation = javac().withProcessors(new MigrationProcessor())
                .withOptions("-Acairn.registry=1com.Registry").compile(migration);

        assertThat(compilation).failed();
        assertThat(cairnErrors(compilation)).hasSize(2);
        assertThat(compilation).hadErrorContaining("[Cairn/UnresolvedType] @Migration com.example.fuzz.Mig00");
        assertThat(compilation).hadErrorContaining("[Cairn/InvalidRegistryName] the processor option"
                + " -Acairn.registry=1com.Registry is not a fully qualified class name");
    }

    @Test
    void migrationsWhoseDependenciesDoNotResolveAreReportedOnlyAsUnresolved() {
        JavaFileObject first = JavaFileObjects.forSourceLines("com.example.fuzz.Mig00",
                "package com.example.fuzz;",
                "@dev.cairn.Migration(version = 1, dependsOn = {MissingVersions.DEPENDENCY})",
                "public class Mig00 implements dev.cairn.runtime.JavaMigration {",
                "    public void up(dev.cairn.runtime.MigrationContext context) {}",
                "}");
        JavaFileObject second = JavaFileObjects.forSourceLines("com.example.fuzz.sub.Mig01",
                "package com.example.fuzz.sub;",
                "@dev.cairn.Migration(version = 2, dependsOn = {1, Missing.DEPENDENCY})",
                "public class Mig01 extends MissingBase {",
                "}");

        Compilation compilation = compile(first, second);

        assertThat(compilation).failed();
        assertThat(cairnErrors(compilation)).hasSize(2);
        assertThat(cairnErrors(compilation).stream().allMatch(m -> m.startsWith("[Cairn/UnresolvedType]"))).isTrue();
    }

    /**
     * Found by seed 20251122, case 341 (a class {@code SuppressWarnings} next to a deprecated
     * migration); {@code String}, {@code Override} and {@code IndexOutOfBoundsException} broke it
     * the same way: the registry used these java.lang types by simple name, so a class of that
     * name in the registry's package made the generated code fail to compile.
     */
    @Test
    void registryCompilesNextToClassesNamedLikeTheJavaLangTypesItUses() throws Exception {
        for (String name : List.of("String", "Override", "IndexOutOfBoundsException", "SuppressWarnings", "Object")) {
            JavaFileObject bystander = JavaFileObjects.forSourceString("com.example.fuzz." + name,
                    "package com.example.fuzz; public class " + name + " {}");
            JavaFileObject deprecated = JavaFileObjects.forSourceLines("com.example.fuzz.Old",
                    "package com.example.fuzz;",
                    "@java.lang.Deprecated",
                    "@dev.cairn.Migration(version = 1, description = \"old\")",
                    "public class Old implements dev.cairn.runtime.JavaMigration {",
                    "    public void up(dev.cairn.runtime.MigrationContext context) {}",
                    "}");
            JavaFileObject next = JavaFileObjects.forSourceLines("com.example.fuzz.Next",
                    "package com.example.fuzz;",
                    "@dev.cairn.Migration(version = 2, dependsOn = 1)",
                    "public class Next implements dev.cairn.runtime.JavaMigration {",
                    "    public void up(dev.cairn.runtime.MigrationContext context) {}",
                    "}");

            Compilation compilation = compile(bystander, deprecated, next);

            assertThat(compilation).succeeded();
            dev.cairn.runtime.Registry registry = new CompiledClasses(compilation)
                    .registry("com.example.fuzz.MigrationRegistry");
            assertThat(registry.migrations().get(1).newInstance().getClass().getName()).isEqualTo("com.example.fuzz.Next");
            assertThat(registry.fingerprint()).isPresent();
        }
    }

    /**
     * Found by seed 3, case 392 of the full run: in the unnamed package, a migration named
     * {@code Factory} was hidden by the registry's nested class {@code Factory} ("incompatible
     * types: MigrationRegistry.Factory cannot be converted to dev.cairn.runtime.JavaMigration"),
     * and without a package there is no qualified name to reach it. The nested classes now avoid
     * the names of the package's types.
     */
    @Test
    void registryInTheUnnamedPackageReachesMigrationsNamedLikeItsNestedClasses() throws Exception {
        List<String> names = List.of("Factory", "Descriptors", "Chunk0", "Factory_", "String");
        JavaFileObject[] sources = new JavaFileObject[names.size()];
        for (int i = 0; i < names.size(); i++) {
            sources[i] = JavaFileObjects.forSourceLines(names.get(i),
                    "@dev.cairn.Migration(version = " + (i + 1) + (i == 0 ? "" : ", dependsOn = " + i) + ")",
                    "public class " + names.get(i) + " implements dev.cairn.runtime.JavaMigration {",
                    "    public void up(dev.cairn.runtime.MigrationContext context) {}",
                    "}");
        }

        Compilation compilation = compile(sources);

        assertThat(compilation).succeededWithoutWarnings();
        dev.cairn.runtime.Registry registry = new CompiledClasses(compilation).registry("MigrationRegistry");
        for (int i = 0; i < names.size(); i++) {
            assertThat(registry.migrations().get(i).newInstance().getClass().getName()).isEqualTo(names.get(i));
        }
    }

    @Test
    void registryKeepsSimpleJavaLangNamesWhenNothingHidesThem() throws Exception {
        Compilation compilation = compile(JavaFileObjects.forSourceLines("com.example.fuzz.First",
                "package com.example.fuzz;",
                "@dev.cairn.Migration(version = 1)",
                "public class First implements dev.cairn.runtime.JavaMigration {",
                "    public void up(dev.cairn.runtime.MigrationContext context) {}",
                "}"));

        String source = compilation.generatedSourceFile("com.example.fuzz.MigrationRegistry").orElseThrow()
                .getCharContent(true).toString();
        assertThat(source).contains("private static final String FINGERPRINT");
        assertThat(source).doesNotContain("java.lang.");
    }
}
