package dev.cairn.runtime.internal.dialect;

import dev.cairn.runtime.CairnException;
import dev.cairn.runtime.LockTimeoutException;
import dev.cairn.runtime.internal.ApiValues;
import java.io.File;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
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
 *   <li>inside the JVM, a permit per lock file (two Migrators, or threads, on one database), taken
 *       first; without it the second {@code tryLock} would throw
 *       {@link OverlappingFileLockException};</li>
 *   <li>between processes, {@link FileChannel#tryLock()} on a sidecar file next to the database,
 *       {@code <database file>.cairn-lock}. The operating system releases it when its holder
 *       exits, however it exits, so a crash cannot leave a stale lock (unlike a lock table).</li>
 * </ul>
 * Both are polled until the lock timeout, so the wait is bounded.
 *
 * <p><b>The lock file must stay.</b> A lock belongs to a file (an inode), not to its name. If the
 * file is deleted or replaced while a holder runs, the next instance opens a different file under
 * the same name, locks it without trouble, and two instances migrate at once. Two measures stop
 * that:
 * <ol>
 *   <li>after locking, the holder writes a token of its own (process id and a random id) into the
 *       file through the locked descriptor and reads the file back by its name: only if the token
 *       is there is the locked file the one at the path; otherwise it lets go and starts again.
 *       This covers a file deleted or replaced while instances are opening it;</li>
 *   <li>the holder gives its locked file a second name, a pin: a hard link
 *       {@code <database file>.cairn-lock.<pid>-<id>.pin}, made before the check above and removed
 *       when the lock is released. An instance that got its own lock then looks at every other
 *       pin and tries to lock it: a pin it cannot lock belongs to a live holder whose lock file
 *       was deleted or replaced, so it lets go and waits. A pin it can lock was left by a holder
 *       that died, and it deletes it. Because each instance pins before it checks its own file and
 *       looks at the pins after that, of two instances that each locked a different file at least
 *       one sees the other's pin.</li>
 * </ol>
 *
 * <p><b>Looking at the pins without listing the directory every time.</b> Pins can only be found
 * by listing the database file's directory, and with a fleet's thousands of tenant files in one
 * directory that is a cost per lock that grows with the fleet. So a holder that looked at every
 * pin and found no live one marks the lock file when it releases it cleanly: a second line,
 * {@code Released; no other holder's pin was found (<id>) on file <file key>}, written through the
 * locked descriptor after its token, naming the file's identity (device and inode). The next holder
 * reads the file before writing its own token; if that mark is there and names the very file it
 * locked (and the file is the one at the path, measure 1), it skips the listing, and marks the file
 * again at its own release. Why that is safe: a live holder X of ANOTHER file must have checked,
 * after pinning, that its file was at the path. If X did so before the marking holder listed the
 * directory (or, when that holder skipped the listing on a mark, the holder before it that listed),
 * X's pin was there (X pins before it checks and removes its pin only when it releases), so that
 * holder would have found it and not marked the file. If X did so later, the
 * path named X's file after naming the marked file, and names the marked file again now: someone
 * put the old file back under its name, which is not covered (below). Every other change to the
 * file drops the mark: a holder of this release truncates the file before writing its token (the
 * mark comes back only at its clean release), a holder killed while it runs leaves its token
 * without a mark (so the next holder lists the directory and deletes the dead holder's pin), a
 * holder of an earlier release overwrites the file with its token, a new or replacing file (even a
 * copy of a marked one) has no mark for its own file key. Instances of an earlier release, which
 * list the directory every time, keep pinning and checking as before, so a mix of releases on one
 * database during a rolling deploy stays safe both ways: this release still lists the directory
 * whenever the file is not marked, and an earlier one finds this release's pins where it always
 * looked, under the same names. The first lock of a new database (no lock file yet) still lists
 * the directory: a live holder whose lock file was deleted can only be found that way.
 *
 * <p>Every descriptor opened on a file that may be the locked one stays open until the lock is
 * released: on Linux and macOS these are POSIX record locks, and closing ANY descriptor of a file
 * drops all of the process's locks on it.
 *
 * <p>Considered and rejected: a lock on a byte range of the database file itself, which cannot be
 * deleted without losing the database. SQLite, when a connection of the same process ends a
 * transaction, unlocks the whole database file ({@code F_UNLCK} from 0 to the end), and POSIX
 * record locks belong to the process, so such a lock vanishes at the first commit.
 *
 * <p>Not covered: deleting the lock file AND the pin of a running holder (a {@code rm *.cairn-lock*}
 * during a run); putting a marked lock file back under its name (a rename or hard link of that
 * very file, not a copy) while another holder runs with the file that replaced it; file systems
 * without hard links (then only measure 1 applies and a lock file deleted during a run is again
 * unsafe); network file systems whose locks are unreliable anyway.
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
    /** The suffix of a pin, the second name a holder gives its lock file while it holds it. */
    static final String PIN_SUFFIX = ".pin";

    /** How a token starts: the first line of the lock file while it is held. */
    static final String TOKEN_START = "Cairn migration lock of ";
    /** The mark of a clean release after every pin was looked at: the lock file's second line. */
    static final String MARK_START = "Released; no other holder's pin was found (";
    private static final String MARK_FILE = ") on file ";

    private static final System.Logger LOG = System.getLogger("dev.cairn");
    private static final long RETRY_MILLIS = 25;
    private static final ConcurrentMap<String, Semaphore> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final String path;
    private final Semaphore permit;
    private final Attempt attempt;

    private SqliteFileLock(String path, Semaphore permit, Attempt attempt) {
        this.path = path;
        this.permit = permit;
        this.attempt = attempt;
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
        String id = ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] token = (TOKEN_START + canonical(databaseFile.toString()) + ", held by process "
                + ProcessHandle.current().pid() + " (" + id + ")\n").getBytes(StandardCharsets.UTF_8);
        Attempt attempt = null;
        try {
            String holder = "another process";
            while (true) {
                attempt = new Attempt(Path.of(path), Path.of(path + "." + id + PIN_SUFFIX), token, id);
                Outcome outcome = attempt.run();
                if (outcome == Outcome.HELD) {
                    return new SqliteFileLock(path, permit, attempt);
                }
                attempt.close();
                attempt = null;
                if (outcome == Outcome.PINNED_BY_ANOTHER) {
                    holder = "another process (whose lock file was deleted or replaced while it ran; its pin "
                            + "file shows it still holds the lock)";
                }
                if (System.nanoTime() > deadline) {
                    throw timedOut(path, timeout, holder);
                }
                if (outcome != Outcome.MOVED) {
                    Thread.sleep(RETRY_MILLIS);
                }
            }
        } catch (IOException e) {
            closeQuietly(attempt);
            permit.release();
            throw new CairnException("Cairn could not create or lock its lock file " + path + " next to the SQLite "
                    + "database (" + e + "). Nothing was applied. Make the database's directory writable for this "
                    + "process.", e);
        } catch (InterruptedException e) {
            closeQuietly(attempt);
            permit.release();
            Thread.currentThread().interrupt();
            throw ApiValues.get().lockTimeout("Interrupted while waiting for the Cairn lock file " + path
                    + "; nothing was applied.", e);
        } catch (RuntimeException e) {
            closeQuietly(attempt);
            permit.release();
            throw e;
        }
    }

    /** The sidecar file's canonical path. */
    public String path() {
        return path;
    }

    /**
     * Releases both levels and removes the pin; the sidecar file stays, marked for the next holder
     * when this one looked at every pin (see the class comment).
     */
    public void release() {
        try {
            if (!attempt.stillAtPath()) {
                LOG.log(Level.WARNING, "The Cairn lock file {0} was deleted or replaced while this process held it; "
                        + "its pin kept other instances out. Do not delete or replace the lock file.", path);
            } else {
                attempt.mark();
            }
        } finally {
            try {
                attempt.close();
            } finally {
                permit.release();
            }
        }
    }

    /** How one attempt to take the lock ended. */
    private enum Outcome {
        /** The lock file at the path is locked and pinned by this attempt. */
        HELD,
        /** Another process holds the file at the path. */
        BUSY,
        /** The file locked was no longer the one at the path: try again at once. */
        MOVED,
        /** The file at the path was ours, but another live holder's pin exists. */
        PINNED_BY_ANOTHER
    }

    /**
     * One attempt: the descriptors it opened (all closed together, see the class comment) and the
     * pin it made.
     */
    private static final class Attempt implements AutoCloseable {

        private final Path path;
        private final Path pin;
        private final byte[] token;
        private final String id;
        private final List<FileChannel> opened = new ArrayList<>();
        private FileChannel channel;
        private FileLock lock;
        private boolean pinned;
        /** Whether no other live holder's pin can exist: every pin was looked at, or the file was marked. */
        private boolean checked;

        Attempt(Path path, Path pin, byte[] token, String id) {
            this.path = path;
            this.pin = pin;
            this.token = token;
            this.id = id;
        }

        Outcome run() throws IOException {
            channel = open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            lock = tryLock(channel);
            if (lock == null) {
                return Outcome.BUSY;
            }
            String markedFile = markedFileKey(channel);
            channel.truncate(0);
            ByteBuffer buffer = ByteBuffer.wrap(token);
            long position = 0;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            pinned = makePin();
            if (pinned && !isOurs(pin)) {
                return Outcome.MOVED; // the pin links a newer file at the path
            }
            if (!isOurs(path)) {
                return Outcome.MOVED;
            }
            if (markedFile != null && markedFile.equals(fileKey(path))) {
                checked = true; // the previous holder looked at every pin and released this very file cleanly
                return Outcome.HELD;
            }
            if (anotherLiveHolder()) {
                return Outcome.PINNED_BY_ANOTHER;
            }
            checked = true;
            return Outcome.HELD;
        }

        /**
         * The file key named by the mark of a clean release on the locked file (read before this
         * attempt writes its token), or null when the file holds no such mark: then every pin is
         * looked at.
         */
        private String markedFileKey(FileChannel locked) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (buffer.hasRemaining() && locked.read(buffer, buffer.position()) > 0) {
                // the token and the mark are far shorter; a longer file is not marked
            }
            if (!buffer.hasRemaining()) {
                return null;
            }
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            if (newline < 0 || !text.startsWith(TOKEN_START)) {
                return null;
            }
            String first = text.substring(0, newline);
            int open = first.lastIndexOf(" (");
            if (open < 0 || !first.endsWith(")")) {
                return null;
            }
            String previousId = first.substring(open + 2, first.length() - 1);
            String prefix = MARK_START + previousId + MARK_FILE;
            String rest = text.substring(newline + 1);
            if (!rest.startsWith(prefix) || !rest.endsWith("\n") || rest.indexOf('\n') != rest.length() - 1) {
                return null;
            }
            return rest.substring(prefix.length(), rest.length() - 1);
        }

        /**
         * At a clean release, with the file still at the path: appends the mark that lets the next
         * holder skip the listing, if this attempt looked at every pin (or found the file marked).
         * A failure only costs the next holder a listing.
         */
        void mark() {
            if (!checked || !pinned) {
                return;
            }
            try {
                String key = fileKey(path);
                if (key == null) {
                    return;
                }
                ByteBuffer buffer = ByteBuffer.wrap((MARK_START + id + MARK_FILE + key + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                long position = token.length;
                while (buffer.hasRemaining()) {
                    position += channel.write(buffer, position);
                }
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "Could not mark the Cairn lock file {0} as released cleanly ({1}); the next "
                        + "holder looks at every pin", path, e);
            }
        }

        /** The identity of the file at {@code file} (device and inode on Unix), or null where there is none. */
        private static String fileKey(Path file) {
            try {
                Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
                return key == null ? null : key.toString();
            } catch (IOException e) {
                return null;
            }
        }

        private boolean makePin() {
            try {
                Files.createLink(pin, path);
                return true;
            } catch (IOException | UnsupportedOperationException e) {
                LOG.log(Level.DEBUG, "Cannot pin the Cairn lock file {0} with a hard link ({1}); a lock file deleted "
                        + "while migrations run is then not detected", path, e);
                return false;
            }
        }

        /** Whether {@code file} holds this attempt's token; the descriptor read through stays open. */
        private boolean isOurs(Path file) throws IOException {
            FileChannel reader;
            try {
                reader = open(file, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                return false;
            }
            ByteBuffer buffer = ByteBuffer.allocate(token.length + 1);
            while (buffer.hasRemaining() && reader.read(buffer, buffer.position()) > 0) {
                // read up to one byte more than the token
            }
            return Arrays.equals(Arrays.copyOf(buffer.array(), buffer.position()), token);
        }

        /** Looks at the other pins: deletes those left by dead holders, true if one belongs to a live holder. */
        private boolean anotherLiveHolder() throws IOException {
            Path directory = path.toAbsolutePath().getParent();
            String prefix = path.getFileName().toString() + ".";
            List<Path> pins = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    if (name.startsWith(prefix) && name.endsWith(PIN_SUFFIX) && !entry.getFileName().equals(
                            pin.getFileName())) {
                        pins.add(entry);
                    }
                }
            }
            for (Path other : pins) {
                FileChannel channel;
                try {
                    channel = open(other, StandardOpenOption.READ, StandardOpenOption.WRITE);
                } catch (NoSuchFileException e) {
                    continue; // its holder just released it
                }
                FileLock otherLock;
                try {
                    otherLock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    // This JVM locks that file: it is ours, pinned by a holder that died before this run.
                    Files.deleteIfExists(other);
                    continue;
                }
                if (otherLock == null) {
                    return true;
                }
                Files.deleteIfExists(other); // left by a holder that died
                otherLock.release();
            }
            return false;
        }

        /** At release: whether the file at the path still holds the token. */
        boolean stillAtPath() {
            try {
                return isOurs(path);
            } catch (IOException e) {
                return false;
            }
        }

        private FileChannel open(Path file, OpenOption... options) throws IOException {
            FileChannel channel = FileChannel.open(file, options);
            opened.add(channel);
            return channel;
        }

        @Override
        public void close() {
            if (pinned) {
                try {
                    Files.deleteIfExists(pin);
                } catch (IOException e) {
                    LOG.log(Level.DEBUG, "Could not remove the Cairn lock pin {0} ({1}); the next run removes it",
                            pin, e);
                }
            }
            if (lock != null) {
                try {
                    lock.release();
                } catch (IOException e) {
                    // Closing the descriptors releases it as well.
                }
            }
            for (FileChannel channel : opened) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // Nothing left to release.
                }
            }
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
                + "exits, even by a crash; do not delete the lock file.", null);
    }

    private static String canonical(String path) {
        try {
            return new File(path).getCanonicalPath();
        } catch (IOException e) {
            return new File(path).getAbsolutePath();
        }
    }

    private static void closeQuietly(Attempt attempt) {
        if (attempt != null) {
            attempt.close();
        }
    }
}
