package dev.cairn.processor.model;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationValue;

/**
 * One entry of a migration's {@code dependsOn}, with the annotation value it was written as, so
 * that a diagnostic about it underlines exactly that entry.
 *
 * <pre>{@code
 * for (Dependency dependency : migration.declaredDependencies()) {
 *     Version version = dependency.version();   // 3, or 1.9 from dependsOnDotted = "1.9"
 * }
 * }</pre>
 */
public final class Dependency {

    private final Version version;
    private final AnnotationValue value;
    private final String origin;
    private final String attribute;

    public Dependency(Version version, AnnotationValue value) {
        this(version, value, null);
    }

    /**
     * A dependency not written in an annotation, such as a SQL script's {@code -- depends-on:}
     * header.
     *
     * @param value the annotation value closest to it, to report problems on
     * @param origin where it comes from, for messages, e.g.
     *     {@code "its '-- depends-on:' header (db/migration/V3__x.sql:1)"}; null for an annotation entry
     */
    public Dependency(Version version, AnnotationValue value, String origin) {
        this(version, value, origin, "dependsOn");
    }

    private Dependency(Version version, AnnotationValue value, String origin, String attribute) {
        this.version = version;
        this.value = value;
        this.origin = origin;
        this.attribute = attribute;
    }

    /** An entry of {@code dependsOnDotted}, such as {@code "1.9"}. */
    public static Dependency dotted(Version version, AnnotationValue value) {
        return new Dependency(version, value, null, "dependsOnDotted");
    }

    /** The annotation attribute that lists it: {@code dependsOn} or {@code dependsOnDotted}. */
    public String attribute() {
        return attribute;
    }

    /**
     * The entries of a {@code long[] dependsOn} value, in the order written, repeats included (a rule
     * warns about them); none for null, the default. Entries that are not a version are left out:
     * javac reports those itself.
     */
    public static List<Dependency> listedIn(AnnotationValue dependsOnValue) {
        List<Dependency> dependencies = new ArrayList<>();
        if (dependsOnValue != null && dependsOnValue.getValue() instanceof List) {
            for (Object entry : (List<?>) dependsOnValue.getValue()) {
                AnnotationValue entryValue = (AnnotationValue) entry;
                if (entryValue.getValue() instanceof Long) {
                    dependencies.add(new Dependency(Version.of((Long) entryValue.getValue()), entryValue));
                }
            }
        }
        return dependencies;
    }

    /**
     * Where the dependency was declared, for messages, or null when in {@code dependsOn} or
     * {@code dependsOnDotted}.
     */
    public String origin() {
        return origin;
    }

    public Version version() {
        return version;
    }

    /** The array entry in the annotation source. */
    public AnnotationValue value() {
        return value;
    }
}
