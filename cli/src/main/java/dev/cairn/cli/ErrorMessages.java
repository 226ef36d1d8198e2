package dev.cairn.cli;

import dev.cairn.runtime.MigrationVersion;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failure into the one paragraph the CLI prints. Cairn's own exceptions already say
 * what happened, to which migration and what to do; driver exceptions get their SQL state added,
 * which is what a DBA searches for.
 */
final class ErrorMessages {
    /** DriverManager's message when no driver accepts a URL; group 1 is the URL. */
    private static final Pattern NO_DRIVER = Pattern.compile("No suitable driver(?: found)?(?: for)? ?(\\S*)");

    /**
     * A Java call with the CLI's form beside it: {@code migrate(5) (CLI: migrate --target 5)}, also
     * with one call nested in its arguments: {@code migrate(MigrationVersion.parse("1.10")) (CLI: …)}.
     */
    private static final Pattern CALL_WITH_COMMAND = Pattern.compile(
            "(call )?\\b[A-Za-z][\\w.]*\\((?:[^()]|\\([^()]*\\))*\\) \\(CLI: ([^)]*)\\)");
    /** An engine operation named as a Java call without arguments: {@code call repair()}, {@code info()}. */
    private static final Pattern OPERATION_CALL = Pattern.compile(
            "(call )?(?<![\\w.])(repair|info|validate|migrate|plan|adoptFlyway)\\(\\)");

    private ErrorMessages() {
    }

    /**
     * The engine's messages are written for the Java API ("call repair() and migrate again"); an
     * operator at the command line runs commands, so each call is named as its command ("run
     * 'repair' and migrate again"). A call the CLI has no command for stays as it is.
     */
    static String forOperator(String message) {
        return replace(OPERATION_CALL, replace(CALL_WITH_COMMAND, message, 2), 2);
    }

    /** Each match of {@code call} as "'command'", or "run 'command'" where it said "call …". */
    private static String replace(Pattern call, String message, int commandGroup) {
        Matcher found = call.matcher(message);
        StringBuilder text = new StringBuilder();
        while (found.find()) {
            String command = found.group(commandGroup).equals("adoptFlyway") ? "adopt-flyway" : found.group(commandGroup);
            found.appendReplacement(text, Matcher.quoteReplacement(
                    (found.group(1) != null ? "run " : "") + "'" + command + "'"));
        }
        found.appendTail(text);
        return text.toString();
    }

    static String describe(Throwable failure) {
        // The engine wraps a connection failure in its own exception; a missing driver is not a
        // reachability problem, whoever reports it.
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException && "08001".equals(((SQLException) cause).getSQLState())) {
                Matcher noDriver = NO_DRIVER.matcher(String.valueOf(cause.getMessage()));
                if (noDriver.find()) {
                    return DatabaseTarget.missingDriver(noDriver.group(1));
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        if (failure instanceof SQLException) {
            SQLException sql = (SQLException) failure;
            StringBuilder text = new StringBuilder("The database reported: ").append(oneLine(sql.getMessage()));
            if (sql.getSQLState() != null) {
                text.append(" (SQL state ").append(sql.getSQLState()).append(')');
            }
            return text.append(". Check that the database is reachable and the URL, user and CAIRN_PASSWORD are right.")
                    .toString();
        }
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return "Unexpected " + failure.getClass().getName() + ".";
        }
        if (failure.getClass().getName().startsWith("dev.cairn.")) {
            return forOperator(message);
        }
        return failure.getClass().getSimpleName() + ": " + message;
    }

    /** The driver's message on one line, without its closing full stop: the CLI's sentence goes on after it. */
    private static String oneLine(String text) {
        if (text == null) {
            return "(no message)";
        }
        String line = text.strip().replaceAll("\\s*\\R\\s*", " ");
        return line.endsWith(".") && !line.endsWith("..") ? line.substring(0, line.length() - 1) : line;
    }
}
