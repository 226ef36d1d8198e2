package dev.cairn.processor.diagnostic;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/**
 * One message of the processor with the most precise place known for it: an element, and when
 * the problem is in an annotation value, that annotation and value, so that IDEs underline
 * {@code dependsOn = 30} rather than the whole class.
 *
 * <pre>{@code
 * new Diagnostic(Kind.ERROR, Code.INVALID_VERSION, "version 0 is not positive", element, mirror, value)
 *         .printTo(messager);
 * }</pre>
 */
public final class Diagnostic {

    private final Kind kind;
    private final Code code;
    private final String message;
    private final Element element;
    private final AnnotationMirror annotation;
    private final AnnotationValue value;

    /** Any of {@code element}, {@code annotation}, {@code value} may be null (less precise). */
    public Diagnostic(
            Kind kind,
            Code code,
            String message,
            Element element,
            AnnotationMirror annotation,
            AnnotationValue value) {
        this.kind = kind;
        this.code = code;
        this.message = message;
        this.element = element;
        this.annotation = annotation;
        this.value = value;
    }

    public Kind kind() {
        return kind;
    }

    public Code code() {
        return code;
    }

    /** The full text as printed, starting with the code's tag. */
    public String text() {
        return code.tag() + " " + message;
    }

    /** Prints with the most specific {@link Messager} overload the known place allows. */
    public void printTo(Messager messager) {
        if (element == null) {
            messager.printMessage(kind, text());
        } else if (annotation == null) {
            messager.printMessage(kind, text(), element);
        } else if (value == null) {
            messager.printMessage(kind, text(), element, annotation);
        } else {
            messager.printMessage(kind, text(), element, annotation, value);
        }
    }
}
