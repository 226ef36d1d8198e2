package dev.cairn.processor.model;

import java.util.Set;
import javax.lang.model.element.TypeElement;
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

    private final MigrationMethods methods;

    public Reversibility(Types types) {
        this.methods = new MigrationMethods(types);
    }

    public boolean isReversible(TypeElement migrationClass) {
        return methods.implementation(migrationClass, "down", Set.of(RuntimeNames.JAVA_MIGRATION)) != null;
    }
}
