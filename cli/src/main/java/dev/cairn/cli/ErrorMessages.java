package dev.cairn.cli;

import java.sql.SQLException;

/**
 * Turns a failure into the one paragraph the CLI prints. Cairn's own exceptions already say
 * what happened, to which migration and what to do; driver exceptions get their SQL state added,
 * which is what a DBA searches for.
 */
final class ErrorMessages {
    private ErrorMessages() {
    }

    static String describe(Throwable failure) {
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
            return message;
        }
        return failure.getClass().getSimpleName() + ": " + message;
    }

    private static String oneLine(String text) {
        return text == null ? "(no message)" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
