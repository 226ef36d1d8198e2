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
 *     long version = dependency.version();
 * }
 * }</pre>
 */
public final class Dependency {

    private final long version;
    private final AnnotationValue value;
    private final String origin;

    public Dependency(long version, AnnotationValue value) {
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
    public Dependency(long version, AnnotationValue value, String origin) {
        this.version = version;
        this.value = value;
        this.origin = origin;
    }

    /**
     * The entries of a {@code dependsOn} value, in the order written, repeats included (a rule
     * warns about them); none for null, the default. Entries that are not a version are left out:
     * javac reports those itself.
     */
    public static List<Dependency> listedIn(AnnotationValue dependsOnValue) {
        List<Dependency> dependencies = new ArrayList<>();
        if (dependsOnValue != null && dependsOnValue.getValue() instanceof List) {
            for (Object entry : (List<?>) dependsOnValue.getValue()) {
                AnnotationValue entryValue = (AnnotationValue) entry;
                if (entryValue.getValue() instanceof Long) {
                    dependencies.add(new Dependency((Long) entryValue.getValue(), entryValue));
                }
            }
        }
        return dependencies;
    }

    /** Where the dependency was declared, for messages, or null when in {@code dependsOn}. */
    public String origin() {
        return origin;
    }

    public long version() {
        return version;
    }

    /** The array entry in the annotation source. */
    public AnnotationValue value() {
        return value;
    }
}
