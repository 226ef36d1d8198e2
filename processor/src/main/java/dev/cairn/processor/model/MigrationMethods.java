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
 * Finds, at compile time, which {@code name(MigrationContext)} method a migration class runs: the
 * one its class or nearest superclass declares (unless re-abstracted there), else a default method
 * of one of its interfaces other than Cairn's own. Reversibility ({@code down}) and the batched
 * migration's check ({@code up}) both ask it, so the runtime needs no reflection.
 *
 * <pre>{@code
 * ExecutableElement down = new MigrationMethods(types).implementation(type, "down", Set.of(RuntimeNames.JAVA_MIGRATION));
 * }</pre>
 */
public final class MigrationMethods {

    private final Types types;

    public MigrationMethods(Types types) {
        this.types = types;
    }

    /**
     * The implementation of {@code name(MigrationContext)} that {@code type} runs in place of the
     * defaults of the interfaces named in {@code cairnInterfaces}, or null when there is none.
     */
    public ExecutableElement implementation(TypeElement type, String name, Set<String> cairnInterfaces) {
        // The nearest class declaring it decides: it implements or re-abstracts it.
        for (TypeElement current = type; current != null; current = superclassOf(current)) {
            ExecutableElement method = declared(current, name);
            if (method != null) {
                return method.getModifiers().contains(Modifier.ABSTRACT) ? null : method;
            }
        }
        Deque<TypeElement> interfaces = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        for (TypeElement current = type; current != null; current = superclassOf(current)) {
            addInterfaces(current, interfaces);
        }
        while (!interfaces.isEmpty()) {
            TypeElement current = interfaces.removeFirst();
            String qualifiedName = current.getQualifiedName().toString();
            if (!seen.add(qualifiedName) || cairnInterfaces.contains(qualifiedName)) {
                continue;
            }
            ExecutableElement method = declared(current, name);
            if (method != null && method.getModifiers().contains(Modifier.DEFAULT)) {
                return method;
            }
            addInterfaces(current, interfaces);
        }
        return null;
    }

    private ExecutableElement declared(TypeElement type, String name) {
        for (Element member : type.getEnclosedElements()) {
            if (member.getKind() != ElementKind.METHOD || !member.getSimpleName().contentEquals(name)) {
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
        TypeElement element = (TypeElement) ((DeclaredType) superclass).asElement();
        return element.getQualifiedName().contentEquals("java.lang.Object") ? null : element;
    }

    private static void addInterfaces(TypeElement type, Deque<TypeElement> into) {
        for (TypeMirror mirror : type.getInterfaces()) {
            if (mirror.getKind() == TypeKind.DECLARED) {
                into.add((TypeElement) ((DeclaredType) mirror).asElement());
            }
        }
    }
}
