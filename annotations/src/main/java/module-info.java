/**
 * The annotations that declare Cairn migrations: {@code @Migration}, {@code @SqlMigration},
 * {@code @SqlMigrationDirectory}. Read by the annotation processor at compile time; class-retained.
 *
 * <pre>{@code
 * module com.example.shop {
 *     requires static dev.cairn.annotations;
 *     requires dev.cairn.runtime;
 * }
 * }</pre>
 */
module dev.cairn.annotations {
    exports dev.cairn;
}
