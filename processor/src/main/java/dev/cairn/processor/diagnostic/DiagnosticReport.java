package dev.cairn.processor.diagnostic;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/**
 * Collects the diagnostics of one validation pass, so that every problem of a compilation is
 * reported together and code is generated only when no error was found.
 *
 * <pre>{@code
 * DiagnosticReport report = new DiagnosticReport();
 * rule.check(graph, report);
 * report.printTo(messager);
 * if (!report.hasErrors()) {
 *     writer.write(...);
 * }
 * }</pre>
 */
public final class DiagnosticReport {

    private final List<Diagnostic> diagnostics = new ArrayList<>();

    /** Reports an error on an element, or on no place in the sources when {@code element} is null. */
    public void error(Code code, String message, Element element) {
        add(new Diagnostic(Kind.ERROR, code, message, element, null, null));
    }

    /** Reports an error on an annotation value of an element. */
    public void error(
            Code code, String message, Element element, AnnotationMirror annotation, AnnotationValue value) {
        add(new Diagnostic(Kind.ERROR, code, message, element, annotation, value));
    }

    /** Reports a warning on an annotation value of an element. */
    public void warning(
            Code code, String message, Element element, AnnotationMirror annotation, AnnotationValue value) {
        add(new Diagnostic(Kind.WARNING, code, message, element, annotation, value));
    }

    /** Reports a note on an annotation (value) of an element. */
    public void note(
            Code code, String message, Element element, AnnotationMirror annotation, AnnotationValue value) {
        add(new Diagnostic(Kind.NOTE, code, message, element, annotation, value));
    }

    /** Reports a note, which never fails or dirties a build, on an element (or on no place: null). */
    public void note(Code code, String message, Element element) {
        add(new Diagnostic(Kind.NOTE, code, message, element, null, null));
    }

    public void add(Diagnostic diagnostic) {
        diagnostics.add(diagnostic);
    }

    public boolean hasErrors() {
        for (Diagnostic diagnostic : diagnostics) {
            if (diagnostic.kind() == Kind.ERROR) {
                return true;
            }
        }
        return false;
    }

    /** The diagnostics in the order they were reported. */
    public List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }

    /** Prints every diagnostic, in the order reported. */
    public void printTo(Messager messager) {
        for (Diagnostic diagnostic : diagnostics) {
            diagnostic.printTo(messager);
        }
    }
}
