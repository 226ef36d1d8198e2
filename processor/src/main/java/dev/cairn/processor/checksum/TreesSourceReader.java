package dev.cairn.processor.checksum;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;

/**
 * Reads a class's source text through javac's Tree API. Kept apart from {@link SourceChecksums}
 * so that, on a compiler without {@code com.sun.source}, only loading this class fails.
 */
final class TreesSourceReader implements SourceChecksums.SourceReader {

    private final Trees trees;

    /** @throws IllegalArgumentException when the environment is not javac's */
    TreesSourceReader(ProcessingEnvironment environment) {
        this.trees = Trees.instance(environment);
    }

    @Override
    public CharSequence classSource(TypeElement element) throws Exception {
        TreePath path = trees.getPath(element);
        if (path == null || !(path.getLeaf() instanceof ClassTree)) {
            return null;
        }
        CompilationUnitTree unit = path.getCompilationUnit();
        ClassTree classTree = (ClassTree) path.getLeaf();
        SourcePositions positions = trees.getSourcePositions();
        long start = positions.getStartPosition(unit, classTree);
        long end = positions.getEndPosition(unit, classTree);
        CharSequence text = unit.getSourceFile().getCharContent(true);
        if (start < 0 || end < start || end > text.length()) {
            return null;
        }
        StringBuilder source = new StringBuilder(text.subSequence((int) start, (int) end));
        // Blank out the @Migration annotation: its version, dependencies and description are
        // graph metadata, checked by the processor, not the migration's behaviour.
        for (AnnotationTree annotation : classTree.getModifiers().getAnnotations()) {
            if (isMigrationAnnotation(annotation)) {
                long from = positions.getStartPosition(unit, annotation) - start;
                long to = positions.getEndPosition(unit, annotation) - start;
                if (from >= 0 && to >= from && to <= source.length()) {
                    for (int i = (int) from; i < to; i++) {
                        source.setCharAt(i, ' ');
                    }
                }
            }
        }
        return source;
    }

    private static boolean isMigrationAnnotation(AnnotationTree annotation) {
        Tree type = annotation.getAnnotationType();
        // Only identifiers and member selects are possible here; their text is the name as written.
        String name = type.toString();
        return name.equals("Migration") || name.equals("dev.cairn.Migration");
    }
}
