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

    /** A driver failure as "SQL state X: message", with the state when the driver gave one. */
    public static String describe(Throwable failure) {
        if (failure instanceof SQLException) {
            SQLException sql = (SQLException) failure;
            return (sql.getSQLState() == null ? "" : "SQL state " + sql.getSQLState() + ": ") + sql.getMessage();
        }
        String message = failure.getMessage();
        return failure.getClass().getName() + (message == null ? "" : ": " + message);
    }
}
