/**
 * Cairn's operator command line ({@code migrate}, {@code info}, {@code rollback}, ...) over an
 * application's generated registry. It uses only the runtime's public API; requiring this module
 * gives the application the runtime too, since {@code Cli.run} takes its {@code Registry}.
 *
 * <pre>{@code
 * module com.example.shop {
 *     requires dev.cairn.cli;                   // and, transitively, dev.cairn.runtime
 *     requires static dev.cairn.annotations;
 * }
 * }</pre>
 */
module dev.cairn.cli {
    requires transitive dev.cairn.runtime;

    exports dev.cairn.cli;
}
