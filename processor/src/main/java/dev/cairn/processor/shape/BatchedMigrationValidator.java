package dev.cairn.processor.shape;

import dev.cairn.processor.diagnostic.Code;
import dev.cairn.processor.diagnostic.DiagnosticReport;
import dev.cairn.processor.model.MigrationAnnotation;
import dev.cairn.processor.model.MigrationMethods;
import dev.cairn.processor.model.MigrationModel;
import dev.cairn.processor.model.RuntimeNames;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Types;

/**
 * Checks what a batched migration (a {@code @Migration} class implementing
 * {@code BatchedMigration}) must not do, because the runtime would silently do something else:
 * <ul>
 *   <li>declare {@code transactional = false}: each batch always runs in a transaction of its own,
 *       committed together with its checkpoint ({@code [Cairn/BatchedNotTransactional]});</li>
 *   <li>override {@code up(MigrationContext)}: a normal run calls {@code nextBatch} and
 *       {@code processBatch}, never {@code up}, which runs only in singleTransaction mode, so the
 *       override would not run ({@code [Cairn/BatchedOverridesUp]}).</li>
 * </ul>
 *
 * <pre>{@code
 * new BatchedMigrationValidator(types).validate(migrations, report);
 * }</pre>
 */
public final class BatchedMigrationValidator {

    private final MigrationMethods methods;

    public BatchedMigrationValidator(Types types) {
        this.methods = new MigrationMethods(types);
    }

    public void validate(List<MigrationModel> migrations, DiagnosticReport report) {
        for (MigrationModel migration : migrations) {
            // Not a class: [Cairn/NotAClass] says enough.
            if (migration.batched() && !migration.isSql() && migration.migrationClass().getKind() == ElementKind.CLASS) {
                validate(migration, report);
            }
        }
    }

    private void validate(MigrationModel migration, DiagnosticReport report) {
        TypeElement element = migration.migrationClass();
        String name = "@Migration " + migration.canonicalName();
        AnnotationValue transactional = MigrationAnnotation.explicitValue(migration.annotation(), "transactional");
        if (transactional != null && Boolean.FALSE.equals(transactional.getValue())) {
            report.error(Code.BATCHED_NOT_TRANSACTIONAL, name + " is a BatchedMigration, so each of its batches runs"
                    + " in a transaction of its own that also commits its checkpoint; it cannot run outside a"
                    + " transaction. Remove 'transactional = false'. Work that must run outside a transaction (such as"
                    + " CREATE INDEX CONCURRENTLY) belongs in a migration of its own that this one depends on, or that"
                    + " depends on this one.", element, migration.annotation(), transactional);
        }
        ExecutableElement up = overridingUp(element);
        if (up == null) {
            return;
        }
        String what = name + " is a BatchedMigration but ";
        String why = "Cairn runs a batched migration through nextBatch and processBatch, one transaction per"
                + " batch, and calls up only in singleTransaction mode, so this up would silently not run in a"
                + " normal migrate. Move its work into processBatch (schema changes into a migration this one"
                + " depends on) and remove up.";
        if (up.getEnclosingElement().equals(element)) {
            report.error(Code.BATCHED_OVERRIDES_UP, what + "overrides up(MigrationContext). " + why, up);
        } else {
            String owner = ((TypeElement) up.getEnclosingElement()).getQualifiedName().toString();
            report.error(Code.BATCHED_OVERRIDES_UP, what + "inherits an up(MigrationContext) from " + owner
                    + " that replaces BatchedMigration's. " + why, element, migration.annotation(), null);
        }
    }

    /**
     * The {@code up(MigrationContext)} that takes the place of {@code BatchedMigration}'s default
     * for {@code type}: one implemented by the class or a superclass, else a default method of an
     * interface other than {@code BatchedMigration} and {@code JavaMigration}; null when there is none.
     */
    private ExecutableElement overridingUp(TypeElement type) {
        return methods.implementation(type, "up", Set.of(RuntimeNames.BATCHED_MIGRATION, RuntimeNames.JAVA_MIGRATION));
    }
}
