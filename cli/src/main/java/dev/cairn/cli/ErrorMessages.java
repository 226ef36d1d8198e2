package dev.cairn.cli;

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
     * An engine operation named as the Java API's call, with the CLI's form when the engine gave
     * one: {@code call repair()}, {@code migrate(5) (CLI: migrate --target 5)}, {@code info()}.
     */
    private static final Pattern API_CALL = Pattern.compile(
            "(call )?\\b(repair|info|validate|migrate|plan|rollback|baseline|adoptFlyway)\\(([^()]*)\\)"
                    + "(?: \\(CLI: ([^)]*)\\))?");

    private ErrorMessages() {
    }

    /**
     * The engine's messages are written for the Java API ("call repair() and migrate again"); an
     * operator at the command line runs commands, so each call is named as its command ("run
     * 'repair' and migrate again"). A call the CLI has no command for stays as it is.
     */
    static String forOperator(String message) {
        Matcher call = API_CALL.matcher(message);
        StringBuilder text = new StringBuilder();
        while (call.find()) {
            String command = call.group(4) != null ? call.group(4) : command(call.group(2), call.group(3));
            String replacement = command == null ? call.group()
                    : (call.group(1) != null ? "run " : "") + "'" + command + "'";
            call.appendReplacement(text, Matcher.quoteReplacement(replacement));
        }
        call.appendTail(text);
        return text.toString();
    }

    /** The command for an API call without a "(CLI: …)" form: only calls without arguments map plainly. */
    private static String command(String method, String arguments) {
        if (!arguments.isEmpty()) {
            return null;
        }
        return method.equals("adoptFlyway") ? "adopt-flyway" : method;
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
