package dev.cairn.processor.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Decides at compile time whether a migration can be rolled back: whether the class, a
 * superclass, or an interface other than {@code JavaMigration} implements
 * {@code down(MigrationContext)}. The runtime then needs no reflection to know.
 *
 * <pre>{@code
 * boolean reversible = new Reversibility(types).isReversible(migrationClass);
 * }</pre>
 */
public final class Reversibility {

    private final Types types;

    public Reversibility(Types types) {
        this.types = types;
    }

    public boolean isReversible(TypeElement migrationClass) {
        // The nearest class declaring down() decides: it implements or re-abstracts it.
        TypeElement current = migrationClass;
        while (current != null) {
            ExecutableElement down = declaredDown(current);
            if (down != null) {
                return !down.getModifiers().contains(Modifier.ABSTRACT);
            }
            current = superclassOf(current);
        }
        // Otherwise a default method of an interface other than JavaMigration itself.
        Deque<TypeElement> interfaces = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        for (TypeElement type = migrationClass; type != null; type = superclassOf(type)) {
            addInterfaces(type, interfaces);
        }
        while (!interfaces.isEmpty()) {
            TypeElement type = interfaces.removeFirst();
            String name = type.getQualifiedName().toString();
            if (!seen.add(name) || name.equals(RuntimeNames.JAVA_MIGRATION)) {
                continue;
            }
            ExecutableElement down = declaredDown(type);
            if (down != null && down.getModifiers().contains(Modifier.DEFAULT)) {
                return true;
            }
            addInterfaces(type, interfaces);
        }
        return false;
    }

    private ExecutableElement declaredDown(TypeElement type) {
        for (Element member : type.getEnclosedElements()) {
            if (member.getKind() != ElementKind.METHOD || !member.getSimpleName().contentEquals("down")) {
                continue;
            }
            ExecutableElement method = (ExecutableElement) member;
            List<? extends VariableElement> parameters = method.getParameters();
            if (parameters.size() == 1
                    && !method.getModifiers().contains(Modifier.STATIC)
                    && types.erasure(parameters.get(0).asType()).toString().equals(RuntimeNames.MIGRATION_CONTEXT)) {
                return method;
            }
        }
        return null;
    }

    private static TypeElement superclassOf(TypeElement type) {
        TypeMirror superclass = type.getSuperclass();
        if (superclass.getKind() != TypeKind.DECLARED) {
            return null;
        }
        return (TypeElement) ((DeclaredType) superclass).asElement();
    }

    private static void addInterfaces(TypeElement type, Deque<TypeElement> into) {
        for (TypeMirror mirror : type.getInterfaces()) {
            if (mirror.getKind() == TypeKind.DECLARED) {
                into.add((TypeElement) ((DeclaredType) mirror).asElement());
            }
        }
    }
}
