package dev.cairn.processor.diagnostic;

/**
 * The stable codes that start every Cairn diagnostic, such as {@code [Cairn/DuplicateVersion]}.
 * Users search for them, so a code never changes its meaning once released.
 *
 * <pre>{@code
 * report.error(Code.SELF_DEPENDENCY, "migration 3 depends on itself", element);
 * // prints: [Cairn/SelfDependency] migration 3 depends on itself
 * }</pre>
 */
public enum Code {
    INVALID_VERSION("InvalidVersion"),
    MISSING_VERSION("MissingVersion"),
    CONFLICTING_VERSIONS("ConflictingVersions"),
    DUPLICATE_VERSION("DuplicateVersion"),
    UNKNOWN_DEPENDENCY("UnknownDependency"),
    SELF_DEPENDENCY("SelfDependency"),
    DEPENDENCY_CYCLE("DependencyCycle"),
    REPEATED_DEPENDENCY("RepeatedDependency"),
    NOT_A_CLASS("NotAClass"),
    ABSTRACT_MIGRATION("AbstractMigration"),
    NOT_A_JAVA_MIGRATION("NotAJavaMigration"),
    INNER_CLASS("InnerClass"),
    INACCESSIBLE("Inaccessible"),
    NO_DEFAULT_CONSTRUCTOR("NoDefaultConstructor"),
    MISSING_RUNTIME("MissingRuntime"),
    NO_COMMON_PACKAGE("NoCommonPackage"),
    INVALID_REGISTRY_NAME("InvalidRegistryName"),
    REGISTRY_NAME_TAKEN("RegistryNameTaken"),
    REGISTRY_LOCATION("RegistryLocation"),
    UNRESOLVED_TYPE("UnresolvedType"),
    LATE_MIGRATION("LateMigration"),
    NO_CHECKSUM("NoChecksum"),
    SQL_SCRIPT_NOT_FOUND("SqlScriptNotFound"),
    SQL_SCRIPT_UNREADABLE("SqlScriptUnreadable"),
    SQL_SCRIPT_ENCODING("SqlScriptEncoding"),
    SQL_EMPTY_SCRIPT("SqlEmptyScript"),
    SQL_SYNTAX("SqlSyntax"),
    SQL_TRANSACTION_CONTROL("SqlTransactionControl"),
    SQL_NOT_IN_TRANSACTION("SqlNotInTransaction"),
    SQL_DIRECTORY_NOT_FOUND("SqlDirectoryNotFound"),
    SQL_DIRECTORY_NOT_LISTABLE("SqlDirectoryNotListable"),
    SQL_SCRIPT_NAME("SqlScriptName"),
    SQL_IGNORED_FILE("SqlIgnoredFile"),
    SQL_UNDO_WITHOUT_SCRIPT("SqlUndoWithoutScript"),
    SQL_HEADER("SqlHeader"),
    SQL_DIALECT("SqlDialect"),
    SQL_DUPLICATE_SCRIPT("SqlDuplicateScript"),
    SQL_DUPLICATE_REPEATABLE("SqlDuplicateRepeatable"),
    SQL_VERIFY_FAILED("SqlVerifyFailed"),
    SQL_VERIFY_SKIPPED("SqlVerifySkipped"),
    SQL_VERIFY_SYNTAX("SqlVerifySyntax"),
    SQL_VERIFY_UNAVAILABLE("SqlVerifyUnavailable"),
    BATCHED_NOT_TRANSACTIONAL("BatchedNotTransactional"),
    BATCHED_OVERRIDES_UP("BatchedOverridesUp"),
    INVALID_OPTION("InvalidOption"),
    INTERNAL_ERROR("InternalError");

    private final String name;

    Code(String name) {
        this.name = name;
    }

    /** The bracketed form that starts a message, e.g. {@code [Cairn/DuplicateVersion]}. */
    public String tag() {
        return "[Cairn/" + name + "]";
    }
}
