package dev.cairn.runtime;

/**
 * A {@link Migrator.Builder} option is missing or has a bad value. Thrown by
 * {@link Migrator.Builder#build()} before any connection is opened; the message names the
 * option and the rejected value.
 *
 * <pre>{@code
 * Migrator.builder(registry).historyTable("schema history");  // fine so far
 * // .build() throws: historyTable "schema history" is not a plain SQL identifier ...
 * }</pre>
 */
public class InvalidConfigurationException extends CairnException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message names the option and the bad value. */
    public InvalidConfigurationException(String message) {
        super(message);
    }
}
