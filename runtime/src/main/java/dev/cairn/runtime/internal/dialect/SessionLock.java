package dev.cairn.runtime.internal.dialect;

import dev.cairn.runtime.internal.ApiValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The migration lock of a database server that keeps locks per session (PostgreSQL's advisory
 * locks, MariaDB's and MySQL's {@code GET_LOCK}): the server releases it when the holder's session
 * ends, so a killed instance leaves no stale lock. It is polled with a statement that tries it once,
 * rather than waited for in the server, so that the wait is bounded by the lock timeout and an
 * interrupt ends it.
 *
 * <pre>{@code
 * SessionLock.acquire(connection, "SELECT pg_try_advisory_lock(?)", key, timeout, () -> "... held by ...");
 * SessionLock.release(connection, commit, "SELECT pg_advisory_unlock(?)", key);
 * }</pre>
 */
final class SessionLock {

    private static final long RETRY_MILLIS = 50;

    private SessionLock() {
    }

    /** What the timeout says the lock was held for, naming where to see its holder. */
    interface HeldMessage {
        String text();
    }

    /**
     * Runs {@code trySql} (one parameter, {@code key}; true when it got the lock) until it succeeds or
     * {@code timeout} passes, then leaves the connection with auto-commit off for the locked work.
     *
     * @throws dev.cairn.runtime.LockTimeoutException with {@code held}'s text after the timeout
     */
    static void acquire(Connection connection, String trySql, Object key, String table, Duration timeout,
            HeldMessage held) throws SQLException {
        connection.setAutoCommit(true);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (PreparedStatement tryLock = connection.prepareStatement(trySql)) {
            tryLock.setObject(1, key);
            while (true) {
                try (ResultSet result = tryLock.executeQuery()) {
                    result.next();
                    if (result.getBoolean(1)) {
                        break;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw ApiValues.get().lockTimeout(held.text(), null);
                }
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw ApiValues.get().lockTimeout("Interrupted while waiting for the migration lock on " + table, e);
                }
            }
        }
        connection.setAutoCommit(false);
    }

    /** Commits or rolls back what is open, then releases the lock with {@code releaseSql} (one parameter, {@code key}). */
    static void release(Connection connection, boolean commit, String releaseSql, Object key) throws SQLException {
        try {
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
        } finally {
            connection.setAutoCommit(true);
            try (PreparedStatement unlock = connection.prepareStatement(releaseSql)) {
                unlock.setObject(1, key);
                unlock.execute();
            }
        }
    }
}
