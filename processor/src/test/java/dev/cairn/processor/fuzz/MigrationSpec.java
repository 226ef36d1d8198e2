package dev.cairn.processor.fuzz;

import java.util.List;
import java.util.Set;

/**
 * One generated {@code @Migration} type: every choice the generator made about it. The renderer
 * writes sources from it and the oracle derives the expected diagnostics from it, so the test
 * always knows what it generated.
 *
 * <pre>{@code
 * MigrationSpec spec = fuzzCase.migrations().get(0);
 * spec.version();    // 3
 * spec.dependsOn();  // [1, 2], as written, repeats included
 * }</pre>
 *
 * @param simpleName the type's simple name, unique in its package
 * @param packageName its package
 * @param placement where the type is declared
 * @param host for {@link Placement#NESTED}, the holder's path ({@code Holder0.Holder3}); for
 *     {@link Placement#SECONDARY}, the top-level type whose file it shares; else null
 * @param isStatic for nested classes: false makes an inner class
 * @param description the description written in the annotation, or null when none is written
 * @param transactional the value written in the annotation, or null when none is written
 * @param typeParameter whether the class is generic ({@code class Foo<T>})
 */
record MigrationSpec(
        String simpleName,
        String packageName,
        Placement placement,
        String host,
        Kind kind,
        Access access,
        boolean isStatic,
        boolean isAbstract,
        boolean isFinal,
        boolean typeParameter,
        boolean deprecated,
        Supertype supertype,
        Constructor constructor,
        long version,
        VersionForm versionForm,
        List<Long> dependsOn,
        DependsOnForm dependsOnForm,
        boolean unresolvedDependency,
        String description,
        Boolean transactional,
        boolean reversible,
        String sql,
        Set<Noise> noise) {

    /** Where a migration type is declared. */
    enum Placement {
        /** Its own file. */
        TOP_LEVEL,
        /** A member of a holder class. */
        NESTED,
        /** A second, package-private top-level type in another type's file. */
        SECONDARY
    }

    enum Kind { CLASS, INTERFACE, ENUM, ANNOTATION, RECORD }

    enum Access { PUBLIC, PACKAGE, PROTECTED, PRIVATE }

    /** How the type reaches (or fails to reach) {@code JavaMigration}. */
    enum Supertype {
        IMPLEMENTS,
        /** Extends the abstract class {@code FuzzBase}, which implements JavaMigration. */
        VIA_BASE,
        /** Implements the interface {@code FuzzMigration}, which extends JavaMigration. */
        VIA_INTERFACE,
        NONE,
        /** Extends {@code GeneratedBase}, which another processor generates in the first round. */
        GENERATED_BASE,
        /** Extends or implements a type that does not exist. */
        UNRESOLVED
    }

    /** The constructors declared, as far as the no-argument one is concerned. */
    enum Constructor {
        IMPLICIT, PUBLIC, PACKAGE, PROTECTED, PRIVATE, ONLY_WITH_ARGUMENTS,
        THROWS_CHECKED, THROWS_UNCHECKED,
        /** A public no-argument constructor throwing an exception type that does not exist. */
        THROWS_UNRESOLVED
    }

    /** How the version is written. */
    enum VersionForm {
        LITERAL,
        HEX,
        /** A constant of the migration's own type: {@code version = Foo.VERSION}. */
        CONSTANT,
        /** A constant of {@code GeneratedVersions}, which another processor generates in the first round. */
        GENERATED_CONSTANT,
        /** A constant of a type that does not exist. */
        UNRESOLVED
    }

    enum DependsOnForm { OMITTED, ARRAY, SINGLE }

    /** Things in the migration's file besides the migration itself. */
    enum Noise {
        /** A field whose type does not exist. */
        UNRESOLVED_FIELD,
        /** A method whose body does not type-check ({@code int n = "text";}). */
        BODY_ERROR,
        /** A method with a syntax error in the migration class. */
        SYNTAX_IN_METHOD,
        /** Another class in the same file with a syntax error. */
        SYNTAX_IN_SIBLING_CLASS
    }

    String qualifiedName() {
        return FuzzCase.qualify(packageName, placement == Placement.NESTED ? host + "." + simpleName : simpleName);
    }

    /** The name the JVM knows the class by, as the registry's descriptors report it. */
    String binaryName() {
        return FuzzCase.qualify(packageName,
                placement == Placement.NESTED ? host.replace('.', '$') + "$" + simpleName : simpleName);
    }

    /** The qualified name of the top-level type whose file declares this one. */
    String fileType() {
        return placement == Placement.TOP_LEVEL ? qualifiedName()
                : FuzzCase.qualify(packageName, host.contains(".") ? host.substring(0, host.indexOf('.')) : host);
    }

    /** Whether the annotation's values do not all resolve (the processor then leaves it out entirely). */
    boolean annotationUnresolved() {
        return versionForm == VersionForm.UNRESOLVED || unresolvedDependency;
    }

    /**
     * Whether javac must report an error of its own for this type or its file whatever the
     * processor reports: syntax errors and types that do not resolve in declarations.
     */
    boolean declarationError() {
        return annotationUnresolved()
                || supertype == Supertype.UNRESOLVED
                || constructor == Constructor.THROWS_UNRESOLVED
                || noise.contains(Noise.UNRESOLVED_FIELD)
                || syntaxError();
    }

    /**
     * Whether a method body does not type-check. javac checks bodies only after annotation
     * processing, and not at all once a processor reported an error.
     */
    boolean bodyError() {
        return noise.contains(Noise.BODY_ERROR);
    }

    /**
     * Whether the type does not resolve in the first round: javac enters generated types only in
     * the next round, and types that do not exist never.
     */
    boolean unresolvedInFirstRound() {
        return annotationUnresolved()
                || versionForm == VersionForm.GENERATED_CONSTANT
                || supertype == Supertype.UNRESOLVED
                || supertype == Supertype.GENERATED_BASE;
    }

    /** The field of {@code GeneratedVersions} holding the version, when written that way. */
    String generatedConstant() {
        return qualifiedName().replace('.', '_');
    }

    boolean syntaxError() {
        return noise.contains(Noise.SYNTAX_IN_METHOD) || noise.contains(Noise.SYNTAX_IN_SIBLING_CLASS);
    }
}
