package dev.cairn.processor.shape;

import dev.cairn.processor.diagnostic.Code;
import dev.cairn.processor.diagnostic.DiagnosticReport;
import dev.cairn.processor.model.MigrationModel;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks that the generated registry, in package {@code registryPackage}, can write
 * {@code new Migration()} for each migration: the class and every enclosing class must be
 * visible from that package, and there must be a visible no-argument constructor that throws no
 * checked exception.
 *
 * <pre>{@code
 * new AccessibilityValidator(elements, types).validate(migrations, "com.example.db", report);
 * }</pre>
 */
public final class AccessibilityValidator {

    private final Elements elements;
    private final Types types;

    public AccessibilityValidator(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    public void validate(List<MigrationModel> migrations, String registryPackage, DiagnosticReport report) {
        for (MigrationModel migration : migrations) {
            if (migration.migrationClass().getKind() != ElementKind.CLASS) {
                continue; // already reported by ClassShapeValidator
            }
            if (checkClassVisible(migration, registryPackage, report)) {
                checkConstructor(migration, registryPackage, report);
            }
        }
    }

    private boolean checkClassVisible(MigrationModel migration, String registryPackage, DiagnosticReport report) {
        boolean samePackage = migration.packageName().equals(registryPackage);
        if (migration.packageName().isEmpty() && !samePackage) {
            report.error(Code.INACCESSIBLE, "@Migration " + migration.canonicalName() + " is in the unnamed"
                    + " package, which the generated registry in package '" + registryPackage + "' cannot"
                    + " refer to. Move the migration into a package.", migration.migrationClass());
            return false;
        }
        Element current = migration.migrationClass();
        while (current instanceof TypeElement) {
            TypeElement type = (TypeElement) current;
            String which = type == migration.migrationClass()
                    ? "it is"
                    : "its enclosing class " + type.getSimpleName() + " is";
            if (type.getModifiers().contains(Modifier.PRIVATE)) {
                report.error(Code.INACCESSIBLE, "@Migration " + migration.canonicalName() + " cannot be"
                        + " instantiated by the generated registry because " + which + " private."
                        + " Make it public or package-private.", migration.migrationClass());
                return false;
            }
            if (!samePackage && !type.getModifiers().contains(Modifier.PUBLIC)) {
                report.error(Code.INACCESSIBLE, "@Migration " + migration.canonicalName() + " cannot be"
                        + " instantiated by the generated registry in package '" + registryPackage
                        + "' because " + which + " not public. Make it public, or place the registry in"
                        + " package '" + migration.packageName() + "' with -Acairn.registry.",
                        migration.migrationClass());
                return false;
            }
            current = type.getEnclosingElement();
        }
        return true;
    }

    private void checkConstructor(MigrationModel migration, String registryPackage, DiagnosticReport report) {
        ExecutableElement constructor = null;
        for (ExecutableElement candidate : ElementFilter.constructorsIn(migration.migrationClass().getEnclosedElements())) {
            if (candidate.getParameters().isEmpty()) {
                constructor = candidate;
            }
        }
        String name = "@Migration " + migration.canonicalName();
        String fix = " Add 'public " + migration.simpleName() + "() {}'.";
        if (constructor == null) {
            report.error(Code.NO_DEFAULT_CONSTRUCTOR, name + " has no no-argument constructor, so the"
                    + " registry cannot instantiate it." + fix, migration.migrationClass());
            return;
        }
        Element place = constructor;
        if (constructor.getModifiers().contains(Modifier.PRIVATE)) {
            report.error(Code.NO_DEFAULT_CONSTRUCTOR, name + " has a private no-argument constructor,"
                    + " which the registry cannot call. Make it public.", place);
            return;
        }
        if (!constructor.getModifiers().contains(Modifier.PUBLIC)
                && !migration.packageName().equals(registryPackage)) {
            report.error(Code.NO_DEFAULT_CONSTRUCTOR, name + " has a no-argument constructor that is not"
                    + " public, which the registry in package '" + registryPackage + "' cannot call."
                    + " Make it public.", place);
            return;
        }
        for (TypeMirror thrown : constructor.getThrownTypes()) {
            if (isChecked(thrown)) {
                report.error(Code.NO_DEFAULT_CONSTRUCTOR, name + " has a no-argument constructor that"
                        + " throws the checked exception " + thrown + ". Do that work in up() instead,"
                        + " where failures are reported against the migration.", place);
                return;
            }
        }
    }

    private boolean isChecked(TypeMirror thrown) {
        TypeElement runtimeException = elements.getTypeElement("java.lang.RuntimeException");
        TypeElement error = elements.getTypeElement("java.lang.Error");
        return !types.isAssignable(thrown, runtimeException.asType())
                && !types.isAssignable(thrown, error.asType());
    }
}
