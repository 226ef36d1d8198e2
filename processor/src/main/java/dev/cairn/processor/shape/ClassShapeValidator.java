package dev.cairn.processor.shape;

import dev.cairn.processor.diagnostic.Code;
import dev.cairn.processor.diagnostic.DiagnosticReport;
import dev.cairn.processor.model.MigrationModel;
import dev.cairn.processor.model.RuntimeNames;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks that each {@code @Migration} type is something the generated registry can instantiate
 * with {@code new}: a concrete, static class implementing {@code JavaMigration}. Whether it is
 * accessible from the registry is checked by {@link AccessibilityValidator}, once the registry's
 * package is known.
 *
 * <pre>{@code
 * new ClassShapeValidator(elements, types).validate(migrations, report);
 * }</pre>
 */
public final class ClassShapeValidator {

    private final Elements elements;
    private final Types types;

    public ClassShapeValidator(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    public void validate(List<MigrationModel> migrations, DiagnosticReport report) {
        TypeElement javaMigration = elements.getTypeElement(RuntimeNames.JAVA_MIGRATION);
        if (javaMigration == null && !migrations.isEmpty()) {
            report.error(Code.MISSING_RUNTIME, RuntimeNames.JAVA_MIGRATION + " is not on the compile classpath, so "
                    + migrations.get(0).canonicalName() + " and the other migrations cannot be checked."
                    + " Add the dev.cairn:cairn-runtime dependency.", migrations.get(0).migrationClass());
        }
        for (MigrationModel migration : migrations) {
            validate(migration, javaMigration, report);
        }
    }

    private void validate(MigrationModel migration, TypeElement javaMigration, DiagnosticReport report) {
        TypeElement element = migration.migrationClass();
        String name = "@Migration " + migration.canonicalName();
        if (element.getKind() != ElementKind.CLASS) {
            String kind = element.getKind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            report.error(Code.NOT_A_CLASS, name + " is " + article(kind) + " " + kind
                    + ", but a migration must be a class the registry can instantiate. Make it a"
                    + " class that implements " + RuntimeNames.JAVA_MIGRATION + ".", element);
            return;
        }
        if (element.getModifiers().contains(Modifier.ABSTRACT)) {
            report.error(Code.ABSTRACT_MIGRATION, name + " is abstract, so the registry cannot"
                    + " instantiate it. Remove 'abstract', or move @Migration to a concrete subclass.",
                    element);
        }
        if (javaMigration != null
                && !types.isAssignable(types.erasure(element.asType()), types.erasure(javaMigration.asType()))) {
            report.error(Code.NOT_A_JAVA_MIGRATION, name + " does not implement " + RuntimeNames.JAVA_MIGRATION
                    + ". Add 'implements JavaMigration' and an up(MigrationContext) method.", element);
        }
        if (element.getNestingKind() == NestingKind.MEMBER && !element.getModifiers().contains(Modifier.STATIC)) {
            report.error(Code.INNER_CLASS, name + " is an inner class: it needs an instance of "
                    + element.getEnclosingElement().getSimpleName() + " to be created. Declare it"
                    + " 'static', or move it to its own file.", element);
        }
    }

    private static String article(String noun) {
        return "aeiou".indexOf(noun.charAt(0)) >= 0 ? "an" : "a";
    }
}
