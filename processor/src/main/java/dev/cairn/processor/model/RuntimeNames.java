package dev.cairn.processor.model;

/**
 * The names of the cairn-runtime types the processor looks up, checks against or writes into the
 * registry, in one place, so that a type moved or renamed in the runtime is changed here once.
 * They are names, not class literals: what counts is the type on the compilation's class path,
 * not the processor's own copy of cairn-runtime.
 *
 * <pre>{@code
 * TypeElement javaMigration = elements.getTypeElement(RuntimeNames.JAVA_MIGRATION);
 * if (javaMigration == null) {
 *     // cairn-runtime is not on the compile class path
 * }
 * }</pre>
 */
public final class RuntimeNames {

    /** The interface every {@code @Migration} class implements. */
    public static final String JAVA_MIGRATION = "dev.cairn.runtime.JavaMigration";
    /**
     * A {@code @Migration} class that implements it (directly or through a supertype) is batched:
     * registered with {@code GeneratedMigrations.batchedJavaMigration}. Absent from a runtime older
     * than batched migrations, where no class can implement it.
     */
    public static final String BATCHED_MIGRATION = "dev.cairn.runtime.BatchedMigration";
    /** The parameter type of {@code up} and {@code down}. */
    public static final String MIGRATION_CONTEXT = "dev.cairn.runtime.MigrationContext";
    /**
     * What generated code calls to describe and create migrations; its presence tells whether the
     * runtime on the class path can run the registry this processor writes, SQL migrations included.
     */
    public static final String GENERATED_MIGRATIONS = "dev.cairn.runtime.generated.GeneratedMigrations";
    /** The registry interface the generated class implements. */
    public static final String REGISTRY = "dev.cairn.runtime.Registry";
    /** What the registry lists, one per migration. */
    public static final String MIGRATION_DESCRIPTOR = "dev.cairn.runtime.MigrationDescriptor";
    /** How a descriptor creates its migration when it is about to run. */
    public static final String MIGRATION_FACTORY = "dev.cairn.runtime.generated.MigrationFactory";
    /** How the registry opens its SQL scripts from inside the application's own module. */
    /** What a registry with SQL migrations implements so that the runtime can refuse it when stale. */
    public static final String COMPILED_SCRIPTS = "dev.cairn.runtime.generated.CompiledScripts";
    public static final String SCRIPT_RESOURCES = "dev.cairn.runtime.generated.ScriptResources";
    /** With {@link #MIGRATION_REPORT}: when both are there, the registry gets a {@code migrate} method. */
    public static final String MIGRATOR = "dev.cairn.runtime.Migrator";
    /** What {@code migrate} returns. */
    public static final String MIGRATION_REPORT = "dev.cairn.runtime.MigrationReport";

    private RuntimeNames() {
    }
}
