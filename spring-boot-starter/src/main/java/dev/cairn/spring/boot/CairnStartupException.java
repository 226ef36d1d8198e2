package dev.cairn.spring.boot;

/**
 * The starter could not get Cairn ready: no registry or several, or (with {@code cairn.mode=validate})
 * a database that does not match the code. {@link #action()} says what to do; the starter's failure
 * analyzer prints both as Spring Boot's "APPLICATION FAILED TO START" report.
 *
 * <pre>{@code
 * Description:
 * No Cairn migration registry was found: no META-INF/cairn/registries resource is on the class path.
 * Action:
 * Put dev.cairn:cairn-processor on the annotation processor path ...
 * }</pre>
 */
public class CairnStartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String description;
    private final String action;

    /** Creates the exception with what happened and what to do next. */
    public CairnStartupException(String message, String action) {
        super(message + " " + action);
        this.description = message;
        this.action = action;
    }

    /** What happened. */
    public String description() {
        return description;
    }

    /** What to do next. */
    public String action() {
        return action;
    }
}
