package dev.cairn.runtime;

import java.time.Duration;

/**
 * Another process held the migration lock longer than the configured
 * {@link Migrator.Builder#lockTimeout(Duration) lock timeout}. Nothing was applied by this call.
 *
 * <pre>{@code
 * Migrator migrator = Migrator.builder(registry).dataSource(dataSource)
 *         .lockTimeout(Duration.ofMinutes(5))   // allow long migrations elsewhere
 *         .build();
 * }</pre>
 */
public class LockTimeoutException extends CairnException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message names what was locked and for how long we waited. */
    LockTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
