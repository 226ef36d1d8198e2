package dev.cairn.processor.model;

import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Finds the {@code @Migration} annotation on an element and its explicitly written values. Uses
 * names only, so the processor needs no compile-time dependency on the annotation's class.
 *
 * <pre>{@code
 * AnnotationMirror mirror = MigrationAnnotation.find(element);
 * AnnotationValue version = MigrationAnnotation.explicitValue(mirror, "version");
 * }</pre>
 */
public final class MigrationAnnotation {

    /** The annotation's canonical name. */
    public static final String NAME = "dev.cairn.Migration";

    private MigrationAnnotation() {
    }

    /** The {@code @Migration} mirror on {@code element}, or null. */
    public static AnnotationMirror find(Element element) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            Element type = mirror.getAnnotationType().asElement();
            if (type instanceof TypeElement
                    && ((TypeElement) type).getQualifiedName().contentEquals(NAME)) {
                return mirror;
            }
        }
        return null;
    }

    /** The value written in source for {@code member}, or null when the default applies. */
    public static AnnotationValue explicitValue(AnnotationMirror mirror, String member) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
                : mirror.getElementValues().entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(member)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
