package dev.cairn.benchmarks.control;

import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * A B4 control: a processor that claims {@code @Migration} and does nothing. javac with it on the
 * processor path pays what any annotation processor costs (discovery, the processing rounds)
 * before the processor does any work of its own.
 *
 * <pre>{@code
 * javac -processorpath benchmarks/target/classes -processor dev.cairn.benchmarks.control.NoOpProcessor ...
 * }</pre>
 */
@SupportedAnnotationTypes("dev.cairn.Migration")
public final class NoOpProcessor extends AbstractProcessor {

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        return false;
    }
}
