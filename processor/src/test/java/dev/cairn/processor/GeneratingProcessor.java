package dev.cairn.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Another annotation processor in the same compilation, which writes given sources in the first
 * round, so that migrations using them resolve only in the second round (and a migration it
 * writes appears only then). Used by the round tests and the fuzz tests alike.
 *
 * <pre>{@code
 * javac().withProcessors(new MigrationProcessor(), new GeneratingProcessor(Map.of("a.B", "package a; class B {}")))
 * }</pre>
 */
public final class GeneratingProcessor extends AbstractProcessor {

    private final Map<String, String> sources;
    private boolean written;

    /** @param sources source text by the qualified name of its main type */
    public GeneratingProcessor(Map<String, String> sources) {
        this.sources = sources;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (written) {
            return false;
        }
        written = true;
        for (Map.Entry<String, String> source : sources.entrySet()) {
            try (Writer out = processingEnv.getFiler().createSourceFile(source.getKey()).openWriter()) {
                out.write(source.getValue());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }
}
