package dev.cairn.benchmarks.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * A B4 control: a processor that writes one empty class the first time it sees {@code @Migration}.
 * A generated source file makes javac run one more processing round, which re-enters every
 * compilation unit; this is the least that any processor generating a source file costs, whatever
 * it writes. Cairn's processor measured against this one shows Cairn's own share.
 *
 * <pre>{@code
 * javac -processorpath benchmarks/target/classes -processor dev.cairn.benchmarks.control.OneFileProcessor ...
 * }</pre>
 */
@SupportedAnnotationTypes("dev.cairn.Migration")
public final class OneFileProcessor extends AbstractProcessor {

    private boolean written;

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (written || annotations.isEmpty()) {
            return false;
        }
        written = true;
        try (Writer out = processingEnv.getFiler().createSourceFile("dev.cairn.benchmarks.control.Generated").openWriter()) {
            out.write("package dev.cairn.benchmarks.control;\n\nfinal class Generated {\n}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return false;
    }
}
