package dev.cairn.cli;

/**
 * The command line itself is wrong (unknown command, missing or malformed option): the CLI
 * prints the message and a pointer to {@code --help}, and exits with status 2. Thrown by the
 * parser and by commands that check their options before touching the database.
 */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
