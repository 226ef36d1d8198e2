package dev.cairn.processor.model;

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

    public Dependency(long version, AnnotationValue value) {
        this.version = version;
        this.value = value;
    }

    public long version() {
        return version;
    }

    /** The array entry in the annotation source. */
    public AnnotationValue value() {
        return value;
    }
}
