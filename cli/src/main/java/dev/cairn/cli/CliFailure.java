package dev.cairn.cli;

/**
 * A failure the CLI itself detects before or instead of the engine (a missing JDBC driver, a
 * missing directory, a database in use during restore): printed as its message, exit status 1.
 * Unlike {@link UsageException} the command line is right; the environment is not.
 */
final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliFailure(String message) {
        super(message);
    }
}
