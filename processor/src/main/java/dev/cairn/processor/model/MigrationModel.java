package dev.cairn.processor.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * What the processor knows about one migration of the current round: a {@code @Migration} class,
 * or a SQL script declared by {@code @SqlMigration} or found by {@code @SqlMigrationDirectory}
 * (then {@link #sql()} is set and {@link #migrationClass()} is null). It holds the values of its
 * annotation and the source places to report problems on. It holds elements, which do not survive
 * annotation processing rounds, so it is built anew in the round that validates and generates.
 *
 * <pre>{@code
 * MigrationModel migration = collector.collect(typeElement);
 * migration.version();           // 2, or 1.10 for @Migration(dottedVersion = "1.10")
 * migration.label();             // "2 (AddUserEmail)", or "1.10 (V1_10__add_index.sql)" for a script
 * migration.dependencyVersions(); // [1], each version once (1 and 1.0 are one version)
 * }</pre>
 */
public final class MigrationModel {

    private final Element element;
    private final TypeElement migrationClass;
    private final SqlSource sql;
    private final String binaryName;
    private final String packageName;
    private final AnnotationMirror annotation;
    private final Version version;
    private final AnnotationValue versionValue;
    private final List<Dependency> declaredDependencies;
    private final AnnotationValue dependsOnValue;
    private final String description;
    private final boolean transactional;
    private final boolean reversible;
    private final String checksum;
    private final boolean deprecated;
    private final boolean repeatable;
    private final boolean batched;

    MigrationModel(
            TypeElement element,
            String binaryName,
            String packageName,
            AnnotationMirror annotation,
            Version version,
            AnnotationValue versionValue,
            List<Dependency> declaredDependencies,
            AnnotationValue dependsOnValue,
            String description,
            boolean transactional,
            boolean reversible,
            String checksum,
            boolean deprecated,
            boolean batched) {
        this(element, element, null, binaryName, packageName, annotation, version, versionValue,
                declaredDependencies, dependsOnValue, description, transactional, reversible, checksum,
                deprecated, false, batched);
    }

    private MigrationModel(
            Element element,
            TypeElement migrationClass,
            SqlSource sql,
            String binaryName,
            String packageName,
            AnnotationMirror annotation,
            Version version,
            AnnotationValue versionValue,
            List<Dependency> declaredDependencies,
            AnnotationValue dependsOnValue,
            String description,
            boolean transactional,
            boolean reversible,
            String checksum,
            boolean deprecated,
            boolean repeatable,
            boolean batched) {
        this.element = element;
        this.migrationClass = migrationClass;
        this.sql = sql;
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
        this.repeatable = repeatable;
        this.batched = batched;
    }

    /**
     * A SQL migration. {@code element} and {@code annotation} are where it is declared: the type or
     * package carrying {@code @SqlMigration} or {@code @SqlMigrationDirectory}, and that annotation
     * (for a repeated {@code @SqlMigration}, the one entry of the container).
     *
     * @param versionValue the annotation value to report version problems on
     * @param dependsOnValue the annotation value to report dependency problems on, or null
     */
    public static MigrationModel sql(
            Element element,
            String packageName,
            AnnotationMirror annotation,
            SqlSource sql,
            Version version,
            AnnotationValue versionValue,
            List<Dependency> dependencies,
            AnnotationValue dependsOnValue,
            String description,
            boolean transactional) {
        return new MigrationModel(element, null, sql, sql.script(), packageName, annotation, version,
                versionValue, dependencies, dependsOnValue, description, transactional, sql.undoScript() != null,
                sql.checksum(), false, false, false);
    }

    /**
     * A repeatable SQL migration ({@code R__shop_window.sql}): no version, identified by its
     * description, always transactional, never reversible. It is no node of the graph: it runs after
     * the versions it depends on.
     *
     * @param dependencies its {@code -- depends-on:} header's versions, or null without a header
     *     (then it depends on the graph's heads, see {@link #withDependencies})
     */
    public static MigrationModel repeatableSql(Element element, String packageName, AnnotationMirror annotation,
            SqlSource sql, List<Dependency> dependencies, String description) {
        return new MigrationModel(element, null, sql, sql.script(), packageName, annotation, null, sql.declaredAt(),
                dependencies == null ? List.of() : dependencies, null, description, true, false, sql.checksum(),
                false, true, false);
    }

    /** This repeatable migration depending on {@code dependencies} instead. */
    public MigrationModel withDependencies(List<Dependency> dependencies) {
        return new MigrationModel(element, migrationClass, sql, binaryName, packageName, annotation, version,
                versionValue, dependencies, dependsOnValue, description, transactional, reversible, checksum,
                deprecated, repeatable, batched);
    }

    /** Whether this is a repeatable SQL migration ({@code R__name.sql}), which has no version. */
    public boolean isRepeatable() {
        return repeatable;
    }

    /**
     * Where diagnostics about the migration go: the class of a Java migration, or the type or
     * package that declares a SQL migration.
     */
    public Element element() {
        return element;
    }

    /** The migration class, or null for a SQL migration. */
    public TypeElement migrationClass() {
        return migrationClass;
    }

    /** The script of a SQL migration, or null for a Java migration. */
    public SqlSource sql() {
        return sql;
    }

    public boolean isSql() {
        return sql != null;
    }

    /**
     * The annotation that declares the migration: {@code @Migration} on the class,
     * {@code @SqlMigration} or {@code @SqlMigrationDirectory} for a script.
     */
    public AnnotationMirror annotation() {
        return annotation;
    }

    /**
     * The version, or null when the annotation gives none that can be used (no version, two, or a
     * malformed {@code dottedVersion}: already reported); such a migration stays out of the graph.
     */
    public Version version() {
        return version;
    }

    /** The {@code version = ...} (or {@code dottedVersion = ...}) value in the source. */
    public AnnotationValue versionValue() {
        return versionValue;
    }

    /** The {@code dependsOn} and {@code dependsOnDotted} entries as written, repeats included. */
    public List<Dependency> declaredDependencies() {
        return declaredDependencies;
    }

    /**
     * The whole {@code dependsOn = ...} value (else {@code dependsOnDotted = ...}), or null when the
     * default (none) is used.
     */
    public AnnotationValue dependsOnValue() {
        return dependsOnValue;
    }

    /** The versions this migration depends on, in declaration order, each once. */
    public List<Version> dependencyVersions() {
        Set<Version> unique = new LinkedHashSet<>();
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

    /**
     * Whether the class implements {@code dev.cairn.runtime.BatchedMigration}, directly or through
     * a supertype: the runtime then applies it batch by batch, each batch committed with a
     * checkpoint. Always false for a SQL migration.
     */
    public boolean batched() {
        return batched;
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

    /**
     * The canonical name, e.g. {@code com.example.db.Outer.AddUserEmail}, used in source code; for
     * a SQL migration the script's resource name, e.g. {@code db/migration/V3__add_index.sql}.
     */
    public String canonicalName() {
        return sql != null ? sql.script() : migrationClass.getQualifiedName().toString();
    }

    /**
     * How messages name the migration: {@code @Migration com.example.AddUserEmail} or
     * {@code SQL migration db/migration/V3__add_index.sql}.
     */
    public String kindAndName() {
        return (repeatable ? "repeatable SQL migration " : sql != null ? "SQL migration " : "@Migration ")
                + canonicalName();
    }

    /**
     * The binary name, e.g. {@code com.example.db.Outer$AddUserEmail}, as {@code Class.forName}
     * takes it; for a SQL migration the script's resource name, which the runtime's descriptor
     * reports as its class name.
     */
    public String binaryName() {
        return binaryName;
    }

    /** The package, empty for the unnamed package. */
    public String packageName() {
        return packageName;
    }

    /** The class's simple name, or the script's file name. */
    public String simpleName() {
        if (sql != null) {
            return sql.fileName();
        }
        return migrationClass.getSimpleName().toString();
    }

    /** How diagnostics name a migration: {@code 2 (AddUserEmail)}, {@code 3 (V3__add_index.sql)}. */
    public String label() {
        if (repeatable) {
            return simpleName();
        }
        return version + " (" + simpleName() + ")";
    }
}
