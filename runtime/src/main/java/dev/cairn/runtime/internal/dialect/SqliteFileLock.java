package dev.cairn.runtime.internal.dialect;

import dev.cairn.runtime.CairnException;
import dev.cairn.runtime.LockTimeoutException;
import dev.cairn.runtime.internal.ApiValues;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The migration lock of one SQLite database file, held for a whole locked run so that migrations
 * can commit one by one (each durable as soon as it is applied) and non-transactional ones still
 * run under a lock.
 *
 * <p>Two levels, because an operating-system file lock belongs to the whole process:
 * <ul>
 *   <li>between processes, {@link FileChannel#tryLock()} on a sidecar file next to the database,
 *       {@code <database file>.cairn-lock}. The operating system releases it when its holder
 *       exits, however it exits, so a crash cannot leave a stale lock (unlike a lock table). The
 *       file itself is harmless and stays;</li>
 *   <li>inside the JVM, a permit per lock file (two Migrators, or threads, on one database), taken
 *       first; without it the second {@code tryLock} would throw
 *       {@link OverlappingFileLockException}.</li>
 * </ul>
 * Both are polled until the lock timeout, so the wait is bounded.
 *
 * <pre>{@code
 * SqliteFileLock lock = SqliteFileLock.acquire(Path.of("/data/app.db"), Duration.ofMinutes(1));
 * try {
 *     // BEGIN IMMEDIATE ... COMMIT, once per migration
 * } finally {
 *     lock.release();
 * }
 * }</pre>
 */
public final class SqliteFileLock {

    /** The suffix of the sidecar file. */
    public static final String SUFFIX = ".cairn-lock";

    private static final long RETRY_MILLIS = 25;
    private static final ConcurrentMap<String, Semaphore> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final String path;
    private final Semaphore permit;
    private final FileChannel channel;
    private final FileLock lock;

    private SqliteFileLock(String path, Semaphore permit, FileChannel channel, FileLock lock) {
        this.path = path;
        this.permit = permit;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock for {@code databaseFile}, waiting at most {@code timeout}.
     *
     * @throws LockTimeoutException if another holder kept it longer
     * @throws CairnException if the sidecar file cannot be created
     */
    public static SqliteFileLock acquire(Path databaseFile, Duration timeout) {
        String path = canonical(databaseFile.toString() + SUFFIX);
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore permit = IN_THIS_JVM.computeIfAbsent(path, key -> new Semaphore(1));
        try {
            if (!permit.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw timedOut(path, timeout, "another Migrator in this JVM");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiValues.get().lockTimeout("Interrupted while waiting for the Cairn lock file " + path
                    + "; nothing was applied.", e);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(Path.of(path), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    return new SqliteFileLock(path, permit, channel, lock);
                }
                if (System.nanoTime() > deadline) {
                    throw timedOut(path, timeout, "another process");
                }
                Thread.sleep(RETRY_MILLIS);
            }
        } catch (IOException e) {
            closeQuietly(channel);
            permit.release();
            throw new CairnException("Cairn could not create or lock its lock file " + path + " next to the SQLite "
                    + "database (" + e + "). Nothing was applied. Make the database's directory writable for this "
                    + "process.", e);
        } catch (InterruptedException e) {
            closeQuietly(channel);
            permit.release();
            Thread.currentThread().interrupt();
            throw ApiValues.get().lockTimeout("Interrupted while waiting for the Cairn lock file " + path
                    + "; nothing was applied.", e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            permit.release();
            throw e;
        }
    }

    /** The sidecar file's canonical path. */
    public String path() {
        return path;
    }

    /** Releases both levels; the sidecar file stays. */
    public void release() {
        try {
            lock.release();
        } catch (IOException e) {
            // Closing the channel below releases the lock as well.
        } finally {
            closeQuietly(channel);
            permit.release();
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // Only if this JVM reached the file under another name (a hard link): wait like for another process.
            return null;
        }
    }

    private static LockTimeoutException timedOut(String path, Duration timeout, String holder) {
        return ApiValues.get().lockTimeout("Cairn waited " + timeout.toMillis() + " ms for its lock file " + path
                + ", held by " + holder + " that is migrating this SQLite database, so nothing was applied. Wait "
                + "and retry, or raise Migrator.Builder.lockTimeout. The lock is released when its holder finishes or "
                + "exits, even by a crash; the file itself is harmless.", null);
    }

    private static String canonical(String path) {
        try {
            return new File(path).getCanonicalPath();
        } catch (IOException e) {
            return new File(path).getAbsolutePath();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing left to release.
            }
        }
    }
}
