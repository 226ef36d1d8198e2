package dev.cairn.processor.diagnostic;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.PackageTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.tools.Diagnostic.Kind;

/**
 * A {@link Messager} that also finds the place of an annotation written more than once, such as
 * two {@code @SqlMigration} on one package. javac hands those out wrapped in a container annotation
 * it made up, which has no place in the source, so its own messager falls back to the element's
 * declaration. This one finds the n-th written annotation of that type, and the value in it, with
 * the compiler tree API; without it (another compiler, a wrapped environment) it behaves as javac's.
 *
 * <pre>{@code
 * report.printTo(RepeatedAnnotationMessager.wrap(processingEnv));
 * }</pre>
 */
public final class RepeatedAnnotationMessager implements Messager {

    private final Messager delegate;
    private final Trees trees;

    private RepeatedAnnotationMessager(Messager delegate, Trees trees) {
        this.delegate = delegate;
        this.trees = trees;
    }

    public static Messager wrap(ProcessingEnvironment environment) {
        Trees trees;
        try {
            trees = Trees.instance(environment);
        } catch (IllegalArgumentException | LinkageError e) {
            trees = null; // not javac's own environment: javac's messager alone
        }
        return new RepeatedAnnotationMessager(environment.getMessager(), trees);
    }

    @Override
    public void printMessage(Kind kind, CharSequence message) {
        delegate.printMessage(kind, message);
    }

    @Override
    public void printMessage(Kind kind, CharSequence message, Element element) {
        delegate.printMessage(kind, message, element);
    }

    @Override
    public void printMessage(Kind kind, CharSequence message, Element element, AnnotationMirror annotation) {
        printMessage(kind, message, element, annotation, null);
    }

    @Override
    public void printMessage(
            Kind kind, CharSequence message, Element element, AnnotationMirror annotation, AnnotationValue value) {
        if (trees != null && annotation != null && !element.getAnnotationMirrors().contains(annotation)) {
            try {
                TreePath path = trees.getPath(element);
                Tree place = path == null ? null : locate(path, element, annotation, value);
                if (place != null) {
                    trees.printMessage(kind, message, place, path.getCompilationUnit());
                    return;
                }
            } catch (RuntimeException e) {
                // An unexpected tree shape: fall back to javac's placement below.
            }
        }
        if (value != null) {
            delegate.printMessage(kind, message, element, annotation, value);
        } else if (annotation != null) {
            delegate.printMessage(kind, message, element, annotation);
        } else {
            delegate.printMessage(kind, message, element);
        }
    }

    /** The tree of {@code value} (or of the annotation) when the annotation is a repeated one. */
    private static Tree locate(TreePath path, Element element, AnnotationMirror annotation, AnnotationValue value) {
        int index = indexInContainer(element, annotation);
        if (index < 0) {
            return null;
        }
        String simpleName = annotation.getAnnotationType().asElement().getSimpleName().toString();
        int seen = 0;
        for (AnnotationTree tree : annotationTrees(path)) {
            String type = tree.getAnnotationType().toString();
            if (!type.equals(simpleName) && !type.endsWith("." + simpleName)) {
                continue;
            }
            if (seen++ == index) {
                return value == null ? tree : valueTree(tree, annotation, value);
            }
        }
        return null;
    }

    /** The position of {@code annotation} among the repeated ones in a container on the element, or -1. */
    private static int indexInContainer(Element element, AnnotationMirror annotation) {
        for (AnnotationMirror container : element.getAnnotationMirrors()) {
            for (AnnotationValue member : container.getElementValues().values()) {
                if (member.getValue() instanceof List) {
                    List<?> entries = (List<?>) member.getValue();
                    for (int i = 0; i < entries.size(); i++) {
                        if (((AnnotationValue) entries.get(i)).getValue() == annotation) {
                            return i;
                        }
                    }
                }
            }
        }
        return -1;
    }

    private static List<? extends AnnotationTree> annotationTrees(TreePath path) {
        Tree leaf = path.getLeaf();
        if (leaf instanceof ClassTree) {
            return ((ClassTree) leaf).getModifiers().getAnnotations();
        }
        if (leaf instanceof PackageTree) {
            return ((PackageTree) leaf).getAnnotations();
        }
        if (leaf instanceof CompilationUnitTree) {
            return ((CompilationUnitTree) leaf).getPackageAnnotations();
        }
        return List.of();
    }

    /** The argument (or array entry) of the annotation tree that wrote {@code value}. */
    private static Tree valueTree(AnnotationTree tree, AnnotationMirror annotation, AnnotationValue value) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
                : annotation.getElementValues().entrySet()) {
            int arrayIndex;
            if (entry.getValue() == value) {
                arrayIndex = -1;
            } else if (entry.getValue().getValue() instanceof List
                    && ((List<?>) entry.getValue().getValue()).contains(value)) {
                arrayIndex = ((List<?>) entry.getValue().getValue()).indexOf(value);
            } else {
                continue;
            }
            String name = entry.getKey().getSimpleName().toString();
            for (ExpressionTree argument : tree.getArguments()) {
                ExpressionTree expression = argument;
                if (argument instanceof AssignmentTree) {
                    if (!((AssignmentTree) argument).getVariable().toString().equals(name)) {
                        continue;
                    }
                    expression = ((AssignmentTree) argument).getExpression();
                } else if (!name.equals("value")) {
                    continue;
                }
                if (arrayIndex >= 0 && expression instanceof NewArrayTree) {
                    return ((NewArrayTree) expression).getInitializers().get(arrayIndex);
                }
                return expression;
            }
        }
        return tree;
    }
}
