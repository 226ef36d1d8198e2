package dev.cairn.runtime.internal;

import java.sql.SQLException;

/**
 * How messages name a failure's cause. Here, below the operations and the runner that both quote
 * causes, so that neither package depends on the other for it.
 *
 * <pre>{@code
 * throw new SQLException("Could not record migration 3 (" + Failures.describe(e) + ")", e);
 * }</pre>
 */
public final class Failures {

    private Failures() {
    }

    /**
     * A driver failure as "SQL state X: message", with the state when the driver gave one, and
     * without a closing full stop: messages put it inside a sentence of their own, and PostgreSQL's
     * driver ends its messages with one ("… accepting TCP/IP connections.. Check …").
     */
    public static String describe(Throwable failure) {
        if (failure instanceof SQLException) {
            SQLException sql = (SQLException) failure;
            return (sql.getSQLState() == null ? "" : "SQL state " + sql.getSQLState() + ": ")
                    + withoutFullStop(sql.getMessage());
        }
        String message = failure.getMessage();
        return failure.getClass().getName() + (message == null ? "" : ": " + withoutFullStop(message));
    }

    /**
     * Whether the database refused a statement because it ran inside a transaction: PostgreSQL's
     * SQL state 25001 ("CREATE INDEX CONCURRENTLY cannot run inside a transaction block"), SQLite's
     * "cannot VACUUM from within a transaction" and the like.
     */
    public static boolean refusedInTransaction(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException) {
                String state = ((SQLException) cause).getSQLState();
                String message = String.valueOf(cause.getMessage());
                if ("25001".equals(state) || message.contains("inside a transaction block")
                        || message.contains("from within a transaction")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code text} without trailing white space and a single closing full stop (an ellipsis stays). */
    public static String withoutFullStop(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        return trimmed.endsWith(".") && !trimmed.endsWith("..") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
