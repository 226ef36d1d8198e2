package dev.cairn.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per rule: the message (code and key text), the file and the line it is reported on. */
class RuleDiagnosticsTest {

    private static Compilation compile(JavaFileObject... sources) {
        return javac().withProcessors(new MigrationProcessor()).compile(sources);
    }

    private static List<String> errors(Compilation compilation) {
        return compilation.errors().stream().map(d -> d.getMessage(null)).collect(Collectors.toList());
    }

    @Test
    void rejectsVersionZeroOnTheVersionValue() {
        JavaFileObject zero = Sources.migration("Zero", "version = 0");

        Compilation compilation = compile(zero);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[Cairn/InvalidVersion]").inFile(zero).onLineContaining("version = 0");
        assertThat(compilation).hadErrorContaining("has version 0, but versions must be positive");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void rejectsNegativeVersionWithColumnOfTheValue() {
        JavaFileObject negative = Sources.lines("com.example.Negative",
                "package com.example;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.*;",
                "@Migration(description = \"x\", version = -5)",
                "public class Negative implements JavaMigration {",
                "    public void up(MigrationContext context) {}",
                "}");

        Compilation compilation = compile(negative);

        assertThat(compilation).hadErrorContaining("[Cairn/InvalidVersion]").inFile(negative).onLine(4).atColumn(41);
    }

    @Test
    void reportsDuplicateVersionOnEachClassNamingTheOthers() {
        JavaFileObject first = Sources.migration("AddIndex", "version = 3");
        JavaFileObject second = Sources.migration("AddColumn", "version = 3");
        JavaFileObject third = Sources.migration("AddTable", "version = 3");

        Compilation compilation = compile(first, second, third);

        assertThat(compilation).hadErrorCount(3);
        assertThat(compilation).hadErrorContaining("[Cairn/DuplicateVersion] version 3 of @Migration"
                + " com.example.AddIndex is also used by com.example.AddColumn, com.example.AddTable")
                .inFile(first).onLineContaining("version = 3");
        assertThat(compilation).hadErrorContaining("com.example.AddColumn is also used by com.example.AddIndex,"
                + " com.example.AddTable").inFile(second).onLineContaining("version = 3");
        assertThat(compilation).hadErrorContaining("com.example.AddTable is also used by")
                .inFile(third).onLineContaining("version = 3");
    }

    @Test
    void reportsUnknownDependencyOnTheMissingEntryNamingTheVersion() {
        JavaFileObject root = Sources.migration("Root", "version = 1");
        JavaFileObject broken = Sources.lines("com.example.Broken",
                "package com.example;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.*;",
                "@Migration(version = 2, dependsOn = {",
                "        1,",
                "        99})",
                "public class Broken implements JavaMigration {",
                "    public void up(MigrationContext context) {}",
                "}");

        Compilation compilation = compile(root, broken);

        assertThat(compilation).hadErrorContaining("[Cairn/UnknownDependency] @Migration com.example.Broken depends"
                + " on version 99, but no migration has version 99").inFile(broken).onLine(6);
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void rejectsSelfDependency() {
        JavaFileObject self = Sources.migration("Selfish", "version = 4, dependsOn = 4");

        Compilation compilation = compile(self);

        assertThat(compilation).hadErrorContaining("[Cairn/SelfDependency] @Migration com.example.Selfish"
                + " (version 4) depends on itself").inFile(self).onLineContaining("dependsOn = 4");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void reportsCycleOnceAsPathFromLowestVersion() {
        JavaFileObject alpha = Sources.migration("Alpha", "version = 10, dependsOn = 30");
        JavaFileObject beta = Sources.migration("Beta", "version = 20, dependsOn = 10");
        JavaFileObject gamma = Sources.migration("Gamma", "version = 30, dependsOn = 20");

        Compilation compilation = compile(gamma, beta, alpha);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining(
                "[Cairn/DependencyCycle] migrations depend on each other in a cycle:"
                        + " 10 (Alpha) -> 30 (Gamma) -> 20 (Beta) -> 10 (Alpha)")
                .inFile(alpha).onLineContaining("dependsOn = 30");
    }

    @Test
    void rejectsCycleThroughMergeMigration() {
        JavaFileObject root = Sources.migration("Root", "version = 1");
        JavaFileObject left = Sources.migration("Left", "version = 2, dependsOn = {1, 4}");
        JavaFileObject right = Sources.migration("Right", "version = 3, dependsOn = 1");
        JavaFileObject merge = Sources.migration("Merge", "version = 4, dependsOn = {2, 3}");

        Compilation compilation = compile(root, left, right, merge);

        assertThat(errors(compilation)).containsExactly("[Cairn/DependencyCycle] migrations depend on each other"
                + " in a cycle: 2 (Left) -> 4 (Merge) -> 2 (Left) (read each arrow as 'depends on'). No order can"
                + " apply them; remove one of these dependencies.");
        assertThat(compilation).hadErrorContaining("2 (Left) -> 4 (Merge)").inFile(left).onLineContaining("version = 2");
    }

    @Test
    void reportsEachSeparateCycleOnce() {
        Compilation compilation = compile(
                Sources.migration("A1", "version = 1, dependsOn = 2"),
                Sources.migration("A2", "version = 2, dependsOn = 1"),
                Sources.migration("B5", "version = 5, dependsOn = 7"),
                Sources.migration("B6", "version = 6, dependsOn = 5"),
                Sources.migration("B7", "version = 7, dependsOn = 6"),
                Sources.migration("Downstream", "version = 8, dependsOn = {2, 7}"));

        assertThat(errors(compilation)).hasSize(2);
        assertThat(compilation).hadErrorContaining("1 (A1) -> 2 (A2) -> 1 (A1)");
        assertThat(compilation).hadErrorContaining("5 (B5) -> 7 (B7) -> 6 (B6) -> 5 (B5)");
    }

    @Test
    void warnsAboutRepeatedDependencyAndStillGenerates() throws Exception {
        JavaFileObject root = Sources.migration("Root", "version = 1");
        JavaFileObject repeated = Sources.lines("com.example.Repeated",
                "package com.example;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.*;",
                "@Migration(version = 2, dependsOn = {1,",
                "        1})",
                "public class Repeated implements JavaMigration {",
                "    public void up(MigrationContext context) {}",
                "}");

        Compilation compilation = compile(root, repeated);

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation).hadWarningContaining("[Cairn/RepeatedDependency] @Migration com.example.Repeated"
                + " lists version 1 more than once in dependsOn").inFile(repeated).onLine(5);
        assertThat(new CompiledClasses(compilation).registry("com.example.MigrationRegistry")
                .find(2).orElseThrow().dependsOn().stream().map(dev.cairn.runtime.MigrationVersion::asLong)
                .collect(java.util.stream.Collectors.toList())).containsExactly(1L);
    }

    @Test
    void rejectsInterfaceEnumAndAnnotationTypes() {
        JavaFileObject types = Sources.lines("com.example.Holder",
                "package com.example;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.*;",
                "public class Holder {",
                "    @Migration(version = 1)",
                "    public interface AnInterface extends JavaMigration {}",
                "    @Migration(version = 2)",
                "    public enum AnEnum {}",
                "    @Migration(version = 3)",
                "    public @interface AnAnnotation {}",
                "}");

        Compilation compilation = compile(types);

        assertThat(compilation).hadErrorContaining("[Cairn/NotAClass] @Migration com.example.Holder.AnInterface is an"
                + " interface, but a migration must be a class").inFile(types).onLineContaining("interface AnInterface");
        assertThat(compilation).hadErrorContaining("[Cairn/NotAClass] @Migration com.example.Holder.AnEnum is an enum")
                .inFile(types).onLineContaining("enum AnEnum");
        assertThat(compilation).hadErrorContaining("[Cairn/NotAClass] @Migration com.example.Holder.AnAnnotation is"
                + " an annotation type").inFile(types).onLineContaining("@interface AnAnnotation");
        assertThat(compilation).hadErrorCount(3);
    }

    @Test
    void rejectsAbstractMigration() {
        JavaFileObject source = Sources.lines("com.example.Unfinished",
                "package com.example;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.*;",
                "@Migration(version = 1)",
                "public abstract class Unfinished implements JavaMigration {",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("[Cairn/AbstractMigration] @Migration com.example.Unfinished is"
                + " abstract").inFile(source).onLineContaining("abstract class Unfinished");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void rejectsClassThatDoesNotImplementJavaMigration() {
        JavaFileObject source = Sources.lines("com.example.Plain",
                "package com.example;",
                "import dev.cairn.Migration;",
                "@Migration(version = 1)",
                "public class Plain {",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("[Cairn/NotAJavaMigration] @Migration com.example.Plain does not"
                + " implement dev.cairn.runtime.JavaMigration").inFile(source).onLineContaining("class Plain");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void rejectsInnerClass() {
        JavaFileObject source = Sources.lines("com.example.Outer",
                "package com.example;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.*;",
                "public class Outer {",
                "    @Migration(version = 1)",
                "    public class Inner implements JavaMigration {",
                "        public void up(MigrationContext context) {}",
                "    }",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("[Cairn/InnerClass] @Migration com.example.Outer.Inner is an inner"
                + " class").inFile(source).onLineContaining("class Inner");
        assertThat(compilation).hadErrorContaining("Declare it 'static'");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void rejectsPrivateNestedClass() {
        JavaFileObject source = Sources.lines("com.example.Outer",
                "package com.example;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.*;",
                "public class Outer {",
                "    @Migration(version = 1)",
                "    private static class Hidden implements JavaMigration {",
                "        public void up(MigrationContext context) {}",
                "    }",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("[Cairn/Inaccessible] @Migration com.example.Outer.Hidden cannot"
                + " be instantiated by the generated registry because it is private")
                .inFile(source).onLineContaining("class Hidden");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void rejectsPackagePrivateClassWhenRegistryIsInAnotherPackage() {
        JavaFileObject source = Sources.lines("com.example.users.Local",
                "package com.example.users;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.*;",
                "@Migration(version = 1)",
                "class Local implements JavaMigration {",
                "    public void up(MigrationContext context) {}",
                "}");
        JavaFileObject other = Sources.migration("com.example.orders", "Orders", "version = 2", "");

        Compilation compilation = compile(source, other);

        assertThat(compilation).hadErrorContaining("[Cairn/Inaccessible] @Migration com.example.users.Local cannot be"
                + " instantiated by the generated registry in package 'com.example' because it is not public")
                .inFile(source).onLineContaining("class Local");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void acceptsPackagePrivateClassInTheRegistrysPackage() {
        JavaFileObject source = Sources.lines("com.example.Local",
                "package com.example;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.*;",
                "@Migration(version = 1)",
                "class Local implements JavaMigration {",
                "    public void up(MigrationContext context) {}",
                "}");

        assertThat(compile(source)).succeededWithoutWarnings();
    }

    @Test
    void rejectsClassWithoutNoArgumentConstructor() {
        JavaFileObject source = Sources.lines("com.example.NeedsName",
                "package com.example;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.*;",
                "@Migration(version = 1)",
                "public class NeedsName implements JavaMigration {",
                "    public NeedsName(String name) {}",
                "    public void up(MigrationContext context) {}",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("[Cairn/NoDefaultConstructor] @Migration com.example.NeedsName has"
                + " no no-argument constructor").inFile(source).onLineContaining("public class NeedsName");
        assertThat(compilation).hadErrorContaining("Add 'public NeedsName() {}'");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void rejectsPrivateNoArgumentConstructorOnTheConstructor() {
        JavaFileObject source = Sources.lines("com.example.Singleton",
                "package com.example;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.*;",
                "@Migration(version = 1)",
                "public class Singleton implements JavaMigration {",
                "    private Singleton() {}",
                "    public void up(MigrationContext context) {}",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("[Cairn/NoDefaultConstructor] @Migration com.example.Singleton has"
                + " a private no-argument constructor").inFile(source).onLineContaining("private Singleton()");
    }

    @Test
    void rejectsConstructorThrowingCheckedException() {
        JavaFileObject source = Sources.lines("com.example.Throwing",
                "package com.example;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.*;",
                "@Migration(version = 1)",
                "public class Throwing implements JavaMigration {",
                "    public Throwing() throws java.io.IOException {}",
                "    public void up(MigrationContext context) {}",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("[Cairn/NoDefaultConstructor] @Migration com.example.Throwing has a"
                + " no-argument constructor that throws the checked exception java.io.IOException")
                .inFile(source).onLineContaining("public Throwing()");
    }

    @Test
    void rejectsMigrationsWithoutCommonPackage() {
        Compilation compilation = compile(
                Sources.migration("com.example", "First", "version = 1", ""),
                Sources.migration("org.other", "Second", "version = 2", ""));

        assertThat(compilation).hadErrorContaining("[Cairn/NoCommonPackage] the migrations are in packages"
                + " com.example, org.other, which share no common package");
        assertThat(compilation).hadErrorContaining("-Acairn.registry=com.example.db.MigrationRegistry");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void rejectsMixOfUnnamedAndNamedPackages() {
        Compilation compilation = compile(
                Sources.migration("com.example", "First", "version = 1", ""),
                Sources.lines("Second",
                        "@dev.cairn.Migration(version = 2)",
                        "public class Second implements dev.cairn.runtime.JavaMigration {",
                        "    public void up(dev.cairn.runtime.MigrationContext context) {}",
                        "}"));

        assertThat(compilation).hadErrorContaining("[Cairn/NoCommonPackage] the migrations are in packages"
                + " (the unnamed package), com.example, which share no common package");
    }

    @Test
    void rejectsMigrationInUnnamedPackageWhenRegistryIsInANamedOne() {
        JavaFileObject unnamed = Sources.lines("Second",
                "@dev.cairn.Migration(version = 2)",
                "public class Second implements dev.cairn.runtime.JavaMigration {",
                "    public void up(dev.cairn.runtime.MigrationContext context) {}",
                "}");

        Compilation compilation = javac()
                .withProcessors(new MigrationProcessor())
                .withOptions("-Acairn.registry=com.example.MigrationRegistry")
                .compile(Sources.migration("com.example", "First", "version = 1", ""), unnamed);

        assertThat(compilation).hadErrorContaining("[Cairn/Inaccessible] @Migration Second is in the unnamed package")
                .inFile(unnamed).onLine(2);
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void registryOptionResolvesMigrationsWithoutCommonPackage() {
        Compilation compilation = javac()
                .withProcessors(new MigrationProcessor())
                .withOptions("-Acairn.registry=com.example.MigrationRegistry")
                .compile(
                        Sources.migration("com.example", "First", "version = 1", ""),
                        Sources.migration("org.other", "Second", "version = 2", ""));

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void rejectsInvalidRegistryOption() {
        for (String bad : List.of("MigrationRegistry", "com.example.", "com.example.class", "com..Registry", "1com.R")) {
            Compilation compilation = javac()
                    .withProcessors(new MigrationProcessor())
                    .withOptions("-Acairn.registry=" + bad)
                    .compile(Sources.migration("First", "version = 1"));

            assertThat(compilation).hadErrorContaining("[Cairn/InvalidRegistryName] the processor option -Acairn.registry="
                    + bad + " is not a fully qualified class name in a named package");
        }
    }

    @Test
    void rejectsRegistryNameThatIsAlreadyTaken() {
        JavaFileObject existing = Sources.lines("com.example.MigrationRegistry",
                "package com.example;",
                "public class MigrationRegistry {}");

        Compilation compilation = compile(existing, Sources.migration("First", "version = 1"));

        assertThat(compilation).hadErrorContaining("[Cairn/RegistryNameTaken]").inFile(existing).onLine(2);
    }

    @Test
    void reportsAllProblemsOfACompilationTogether() {
        JavaFileObject zero = Sources.migration("Zero", "version = 0");
        JavaFileObject first = Sources.migration("First", "version = 7");
        JavaFileObject second = Sources.migration("Second", "version = 7, dependsOn = 42");
        JavaFileObject plain = Sources.lines("com.example.Plain",
                "package com.example;",
                "import dev.cairn.Migration;",
                "@Migration(version = 8)",
                "public class Plain {",
                "}");

        Compilation compilation = compile(zero, first, second, plain);

        assertThat(compilation).hadErrorContaining("[Cairn/InvalidVersion]").inFile(zero);
        assertThat(compilation).hadErrorContaining("[Cairn/DuplicateVersion]").inFile(first);
        assertThat(compilation).hadErrorContaining("[Cairn/DuplicateVersion]").inFile(second);
        assertThat(compilation).hadErrorContaining("[Cairn/UnknownDependency]").inFile(second);
        assertThat(compilation).hadErrorContaining("[Cairn/NotAJavaMigration]").inFile(plain);
        assertThat(compilation).hadErrorCount(5);
    }

    @Test
    void validBranchingAndMergingGraphCompilesWithoutWarnings() {
        assertThat(javac().withProcessors(new MigrationProcessor()).compile(BranchingGraph.sources()))
                .succeededWithoutWarnings();
    }

    @Test
    void compilationWithoutMigrationsGeneratesNothing() {
        Compilation compilation = compile(Sources.lines("com.example.Nothing", "package com.example;", "class Nothing {}"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation.generatedSourceFiles()).isEmpty();
        assertThat(compilation.diagnostics().stream().map(Diagnostic::getKind)).doesNotContain(Diagnostic.Kind.NOTE);
    }
}
