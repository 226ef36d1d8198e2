package dev.cairn.runtime;

/**
 * The common base of every exception Cairn throws. Each subclass stands for one kind of failure,
 * and its message says what happened, to which migration, and what to do next.
 *
 * <pre>{@code
 * try {
 *     migrator.migrate();
 * } catch (CairnException e) {
 *     log.error("database migration failed; not starting", e);
 *     System.exit(1);
 * }
 * }</pre>
 */
public class CairnException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message that already says what to do next. */
    public CairnException(String message) {
        super(message);
    }

    /** Creates an exception with a message that already says what to do next, and its cause. */
    public CairnException(String message, Throwable cause) {
        super(message, cause);
    }
}
