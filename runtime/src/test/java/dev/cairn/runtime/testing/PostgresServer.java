package dev.cairn.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A throwaway PostgreSQL cluster for tests: {@code initdb} into a temporary directory (as the
 * {@code postgres} user when running as root, since initdb refuses root), started on a free
 * loopback port, one fresh database per test, stopped and deleted when the JVM exits.
 *
 * <pre>{@code
 * PostgresServer server = PostgresServer.shared();     // skips (or fails on CI) without binaries
 * PostgresServer.Database database = server.createDatabase();
 * DataSource dataSource = database.dataSource();
 * }</pre>
 *
 * <p>Without PostgreSQL binaries the calling test is skipped with a loud message, unless the
 * environment has {@code CI=true}: then it fails, so CI cannot silently skip PostgreSQL. The
 * binaries are found through {@code $PG_BINDIR}, else {@code pg_config --bindir}, else
 * {@code /usr/lib/postgresql/<newest>/bin}.
 */
public final class PostgresServer implements AutoCloseable {

    private static final String SUPERUSER = "postgres";
    private static PostgresServer shared;
    private static String unavailableReason;

    private final Path directory;
    private final Path binaries;
    private final int port;
    private final boolean asPostgresUser;
    private final Process process;
    private final AtomicInteger databaseCounter = new AtomicInteger();

    /** A database created for one test. */
    public static final class Database {
        private final String name;
        private final int port;

        Database(String name, int port) {
            this.name = name;
            this.port = port;
        }

        /** The database's name. */
        public String name() {
            return name;
        }

        /** A JDBC URL without credentials (the cluster trusts loopback connections). */
        public String jdbcUrl() {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=" + SUPERUSER;
        }

        /** A DataSource opening a new connection per call. */
        public DataSource dataSource() {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setServerNames(new String[] {"127.0.0.1"});
            dataSource.setPortNumbers(new int[] {port});
            dataSource.setDatabaseName(name);
            dataSource.setUser(SUPERUSER);
            return dataSource;
        }
    }

    private PostgresServer(Path directory, Path binaries, int port, boolean asPostgresUser, Process process) {
        this.directory = directory;
        this.binaries = binaries;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
        this.process = process;
    }

    /**
     * The cluster shared by every test of this JVM, started on first use. Skips the calling test
     * when PostgreSQL is not installed, or fails it when {@code CI=true}.
     */
    public static synchronized PostgresServer shared() {
        if (shared == null && unavailableReason == null) {
            try {
                shared = start();
                PostgresServer server = shared;
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-test-postgres"));
            } catch (RuntimeException | IOException e) {
                unavailableReason = e.toString();
            }
        }
        if (shared == null) {
            String message = "\n*** PostgreSQL tests NOT RUN: " + unavailableReason
                    + "\n*** Install the PostgreSQL 15 server binaries (pg_config --bindir must find initdb).\n";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("CI=true requires PostgreSQL for the tests." + message);
            }
            System.err.println(message);
            Assumptions.abort(message);
        }
        return shared;
    }

    /** Creates a fresh, empty database. */
    public Database createDatabase() {
        String name = "cairn_test_" + databaseCounter.incrementAndGet();
        try (Connection admin = DriverManager.getConnection(adminUrl());
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
        return new Database(name, port);
    }

    /** The port the cluster listens on (127.0.0.1). */
    public int port() {
        return port;
    }

    /** Starts a new cluster; prefer {@link #shared()}. */
    public static PostgresServer start() throws IOException {
        Path binaries = findBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path directory = Files.createTempDirectory("cairn-pg-");
        if (root) {
            // initdb and postgres run as the postgres user, who must be able to write here.
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        Path data = directory.resolve("data");
        run(root, List.of(binaries.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER,
                "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C"), directory.resolve("initdb.log"));
        int port = freePort();
        List<String> command = command(root, List.of(binaries.resolve("postgres").toString(), "-D", data.toString(),
                "-p", Integer.toString(port), "-k", directory.toString(), "-h", "127.0.0.1", "-F",
                "-c", "max_connections=100", "-c", "fsync=off", "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("postgres.log").toFile()).start();
        PostgresServer server = new PostgresServer(directory, binaries, port, root, process);
        server.awaitReady();
        return server;
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("postgres exited: " + log());
            }
            try (Connection ignored = DriverManager.getConnection(adminUrl())) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("postgres did not accept connections within 60 s: " + last + "\n" + log());
    }

    private String log() throws IOException {
        Path log = directory.resolve("postgres.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private String adminUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + SUPERUSER;
    }

    /** Stops the cluster (fast shutdown) and deletes its directory. */
    @Override
    public synchronized void close() {
        if (!Files.exists(directory)) {
            return;
        }
        try {
            run(asPostgresUser, List.of(binaries.resolve("pg_ctl").toString(), "stop", "-D",
                    directory.resolve("data").toString(), "-m", "immediate", "-w"), directory.resolve("stop.log"));
        } catch (RuntimeException | IOException e) {
            process.destroyForcibly();
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteRecursively(directory);
    }

    private static Path findBinaries() throws IOException {
        String configured = System.getenv("PG_BINDIR");
        if (configured != null) {
            // An explicit setting wins, also to check the skip/fail behaviour: PG_BINDIR=/nowhere.
            if (Files.isExecutable(Paths.get(configured, "initdb"))) {
                return Paths.get(configured);
            }
            throw new IllegalStateException("PG_BINDIR=" + configured + " has no executable initdb");
        }
        try {
            Process pgConfig = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String output = new String(pgConfig.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (pgConfig.waitFor() == 0 && Files.isExecutable(Paths.get(output, "initdb"))) {
                return Paths.get(output);
            }
        } catch (IOException e) {
            // no pg_config on the PATH: look in the usual Debian location below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Path debian = Paths.get("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                List<Path> candidates = new ArrayList<>();
                versions.map(version -> version.resolve("bin")).filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                        .forEach(candidates::add);
                candidates.sort(Comparator.reverseOrder());
                if (!candidates.isEmpty()) {
                    return candidates.get(0);
                }
            }
        }
        throw new IllegalStateException("PostgreSQL server binaries not found (no initdb via $PG_BINDIR, "
                + "pg_config --bindir or /usr/lib/postgresql/*/bin)");
    }

    private static List<String> command(boolean asPostgresUser, List<String> command) {
        if (!asPostgresUser) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", SUPERUSER, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void run(boolean asPostgresUser, List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command(asPostgresUser, command)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Could not delete test PostgreSQL directory " + directory + ": " + e);
        }
    }
}
