package dev.cairn.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What the tests' throwaway database servers ({@link PostgresServer}, {@link MariaDbServer}) have
 * in common: one server shared by a JVM's tests, skipped loudly (or failed on CI) where it cannot
 * start; the helper commands they run; a free port; their directory deleted at the end.
 *
 * <pre>{@code
 * private static final ServerProcesses.Shared<PostgresServer> SHARED = new ServerProcesses.Shared<>(
 *         "PostgreSQL", "Install the PostgreSQL 15 server binaries.", PostgresServer::start);
 * public static PostgresServer shared() { return SHARED.get(); }
 * }</pre>
 */
final class ServerProcesses {

    private ServerProcesses() {
    }

    /** How a server starts. */
    interface Start<T> {
        T start() throws IOException;
    }

    /**
     * The server shared by every test of this JVM, started on first use and stopped when the JVM
     * exits. Skips the calling test with a loud message when the server cannot start, or fails it
     * when the environment has {@code CI=true}, so that CI cannot silently skip a database.
     */
    static final class Shared<T extends AutoCloseable> {
        private final String database;
        private final String howToInstall;
        private final Start<T> start;
        private T server;
        private String unavailableReason;

        Shared(String database, String howToInstall, Start<T> start) {
            this.database = database;
            this.howToInstall = howToInstall;
            this.start = start;
        }

        synchronized T get() {
            if (server == null && unavailableReason == null) {
                try {
                    T started = start.start();
                    server = started;
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> close(started),
                            "stop-test-" + database.toLowerCase(java.util.Locale.ROOT)));
                } catch (RuntimeException | IOException e) {
                    unavailableReason = e.toString();
                }
            }
            if (server == null) {
                String message = "\n*** " + database + " tests NOT RUN: " + unavailableReason + "\n*** " + howToInstall
                        + "\n";
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    Assertions.fail("CI=true requires " + database + " for the tests." + message);
                }
                System.err.println(message);
                Assumptions.abort(message);
            }
            return server;
        }

        private static void close(AutoCloseable server) {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("Could not stop a test database server: " + e);
            }
        }
    }

    /** Runs a helper command to its end (at most two minutes), its output in {@code log}; fails unless it exits 0. */
    static void run(List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " failed: " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    /** A loopback port free at the time of asking. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Deletes a server's directory; a failure is reported, never thrown (it runs at JVM exit). */
    static void deleteRecursively(Path directory, String what) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Could not delete test " + what + " directory " + directory + ": " + e);
        }
    }
}
