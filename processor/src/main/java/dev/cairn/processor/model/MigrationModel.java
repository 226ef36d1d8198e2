package dev.cairn.processor.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;

/**
 * What the processor knows about one {@code @Migration} class of the current round: the values
 * of its annotation, facts about its class, and the source places to report problems on. It holds
 * elements, which do not survive annotation processing rounds, so it is built anew in the round
 * that validates and generates.
 *
 * <pre>{@code
 * MigrationModel migration = collector.collect(typeElement);
 * migration.version();           // 2
 * migration.label();             // "2 (AddUserEmail)"
 * migration.dependencyVersions(); // [1], each version once
 * }</pre>
 */
public final class MigrationModel {

    private final TypeElement element;
    private final String binaryName;
    private final String packageName;
    private final AnnotationMirror annotation;
    private final long version;
    private final AnnotationValue versionValue;
    private final List<Dependency> declaredDependencies;
    private final AnnotationValue dependsOnValue;
    private final String description;
    private final boolean transactional;
    private final boolean reversible;
    private final String checksum;
    private final boolean deprecated;

    MigrationModel(
            TypeElement element,
            String binaryName,
            String packageName,
            AnnotationMirror annotation,
            long version,
            AnnotationValue versionValue,
            List<Dependency> declaredDependencies,
            AnnotationValue dependsOnValue,
            String description,
            boolean transactional,
            boolean reversible,
            String checksum,
            boolean deprecated) {
        this.element = element;
        this.binaryName = binaryName;
        this.packageName = packageName;
        this.annotation = annotation;
        this.version = version;
        this.versionValue = versionValue;
        this.declaredDependencies = List.copyOf(declaredDependencies);
        this.dependsOnValue = dependsOnValue;
        this.description = description;
        this.transactional = transactional;
        this.reversible = reversible;
        this.checksum = checksum;
        this.deprecated = deprecated;
    }

    public TypeElement element() {
        return element;
    }

    /** The {@code @Migration} annotation on the class. */
    public AnnotationMirror annotation() {
        return annotation;
    }

    public long version() {
        return version;
    }

    /** The {@code version = ...} value in the source. */
    public AnnotationValue versionValue() {
        return versionValue;
    }

    /** The {@code dependsOn} entries as written, repeats included. */
    public List<Dependency> declaredDependencies() {
        return declaredDependencies;
    }

    /** The whole {@code dependsOn = ...} value, or null when the default (none) is used. */
    public AnnotationValue dependsOnValue() {
        return dependsOnValue;
    }

    /** The versions this migration depends on, in declaration order, each once. */
    public List<Long> dependencyVersions() {
        Set<Long> unique = new LinkedHashSet<>();
        for (Dependency dependency : declaredDependencies) {
            unique.add(dependency.version());
        }
        return new ArrayList<>(unique);
    }

    /** The description given in the annotation, or derived from the class name. */
    public String description() {
        return description;
    }

    public boolean transactional() {
        return transactional;
    }

    /** Whether the class or a supertype implements {@code down(MigrationContext)}. */
    public boolean reversible() {
        return reversible;
    }

    /** The source checksum, or null when the compiler offered no access to the source. */
    public String checksum() {
        return checksum;
    }

    /**
     * Whether the class is {@code @Deprecated}: the generated {@code new} expression then
     * suppresses the warning, which the user cannot fix in generated code.
     */
    public boolean deprecated() {
        return deprecated;
    }

    /** The canonical name, e.g. {@code com.example.db.Outer.AddUserEmail}, used in source code. */
    public String canonicalName() {
        return element.getQualifiedName().toString();
    }

    /** The binary name, e.g. {@code com.example.db.Outer$AddUserEmail}, as {@code Class.forName} takes it. */
    public String binaryName() {
        return binaryName;
    }

    /** The package, empty for the unnamed package. */
    public String packageName() {
        return packageName;
    }

    public String simpleName() {
        return element.getSimpleName().toString();
    }

    /** How diagnostics name a migration: {@code 2 (AddUserEmail)}. */
    public String label() {
        return version + " (" + simpleName() + ")";
    }
}
