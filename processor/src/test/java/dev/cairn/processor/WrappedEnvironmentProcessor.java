package dev.cairn.processor;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Runs {@link MigrationProcessor} in a wrapped {@link ProcessingEnvironment}, as build tools and
 * other compilers do: javac's Tree API then refuses the environment, and a test can inject faults.
 */
final class WrappedEnvironmentProcessor implements Processor {

    private final Processor delegate = new MigrationProcessor();
    private final UnaryOperator<Object> wrapFiler;

    private WrappedEnvironmentProcessor(UnaryOperator<Object> wrapFiler) {
        this.wrapFiler = wrapFiler;
    }

    /** A plain wrapper: everything delegates to javac's environment. */
    static WrappedEnvironmentProcessor transparent() {
        return new WrappedEnvironmentProcessor(filer -> filer);
    }

    /** A wrapper whose Filer throws {@code failure} when the registry is written. */
    static WrappedEnvironmentProcessor withFailingFiler(RuntimeException failure) {
        return new WrappedEnvironmentProcessor(filer -> Proxy.newProxyInstance(
                Filer.class.getClassLoader(), new Class<?>[] {Filer.class}, (proxy, method, args) -> {
                    throw failure;
                }));
    }

    @Override
    public void init(ProcessingEnvironment environment) {
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                Object result = method.invoke(environment, args);
                return method.getName().equals("getFiler") ? wrapFiler.apply(result) : result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        delegate.init((ProcessingEnvironment) Proxy.newProxyInstance(
                ProcessingEnvironment.class.getClassLoader(), new Class<?>[] {ProcessingEnvironment.class}, handler));
    }

    @Override
    public Set<String> getSupportedOptions() {
        return delegate.getSupportedOptions();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        return delegate.process(annotations, round);
    }

    @Override
    public Iterable<? extends Completion> getCompletions(
            Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
        return delegate.getCompletions(element, annotation, member, userText);
    }
}
