/**
 * Cairn's runtime: applies a generated migration registry at start-up.
 * Applications use {@code dev.cairn.runtime}; generated registries also call
 * {@code dev.cairn.runtime.generated}. Everything under {@code dev.cairn.runtime.internal} stays inside.
 *
 * <pre>{@code
 * module com.example.shop {
 *     requires dev.cairn.runtime;
 *     requires static dev.cairn.annotations;   // @Migration, read by the compiler only
 * }
 * }</pre>
 */
module dev.cairn.runtime {
    requires transitive java.sql;

    exports dev.cairn.runtime;
    exports dev.cairn.runtime.generated;
}
