package dev.cairn.runtime.testing;

import java.io.IOException;
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
 * <p>Loopback connections are trusted without a password, so most tests need no credentials.
 * Tests of password handling (a CLI's {@code --user} with {@code CAIRN_PASSWORD}, a wrong
 * password) create a role that must authenticate with its password ({@code scram-sha-256}):
 *
 * <pre>{@code
 * server.createRole("cairn", "s3cret");
 * PostgresServer.Database database = server.createDatabase("cairn");   // owned by cairn
 * DriverManager.getConnection(database.jdbcUrlWithoutUser(), "cairn", "s3cret");
 * }</pre>
 *
 * <p>Without PostgreSQL binaries the calling test is skipped with a loud message, unless the
 * environment has {@code CI=true}: then it fails, so CI cannot silently skip PostgreSQL. The
 * binaries are found through {@code $PG_BINDIR}, else {@code pg_config --bindir}, else
 * {@code /usr/lib/postgresql/<newest>/bin}.
 */
public final class PostgresServer implements AutoCloseable {

    private static final String SUPERUSER = "postgres";
    private static final String DUPLICATE_OBJECT = "42710";
    /** The group of the roles made by {@link #createRole(String, String)}. */
    private static final String PASSWORD_REQUIRED = "password_required";
    /**
     * Roles in {@link #PASSWORD_REQUIRED} must prove their password; every other role is trusted,
     * as tests expect (they create roles without passwords). First matching line wins.
     */
    private static final String CLIENT_AUTHENTICATION = String.join("\n",
            "local all all trust",
            "host all +" + PASSWORD_REQUIRED + " 127.0.0.1/32 scram-sha-256",
            "host all all 127.0.0.1/32 trust",
            "");
    private static final ServerProcesses.Shared<PostgresServer> SHARED = new ServerProcesses.Shared<>("PostgreSQL",
            "Install the PostgreSQL 15 server binaries (pg_config --bindir must find initdb).", PostgresServer::start);

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

        /** A JDBC URL for the trusted superuser, so it needs no password. */
        public String jdbcUrl() {
            return jdbcUrlWithoutUser() + "?user=" + SUPERUSER;
        }

        /**
         * A JDBC URL naming no user, for connections that give a role and its password separately
         * (see {@link PostgresServer#createRole(String, String)}).
         */
        public String jdbcUrlWithoutUser() {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
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
    public static PostgresServer shared() {
        return SHARED.get();
    }

    /** Creates a fresh, empty database owned by the superuser. */
    public Database createDatabase() {
        return createDatabase(SUPERUSER);
    }

    /**
     * Creates a fresh, empty database owned by {@code owner} (a role made with
     * {@link #createRole(String, String)}), so that role can create tables in it.
     */
    public Database createDatabase(String owner) {
        String name = "cairn_test_" + databaseCounter.incrementAndGet();
        try (Connection admin = DriverManager.getConnection(adminUrl());
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " OWNER " + quoteIdentifier(owner));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name + " owned by " + owner, e);
        }
        return new Database(name, port);
    }

    /**
     * Creates a login role that must authenticate with {@code password} ({@code scram-sha-256});
     * if the role exists already (another test class of this JVM made it), sets its password.
     */
    public void createRole(String name, String password) {
        String quotedPassword = "'" + password.replace("'", "''") + "'";
        try (Connection admin = DriverManager.getConnection(adminUrl());
                Statement statement = admin.createStatement()) {
            try {
                statement.execute("CREATE ROLE " + quoteIdentifier(name) + " LOGIN PASSWORD " + quotedPassword
                        + " IN ROLE " + PASSWORD_REQUIRED);
            } catch (SQLException e) {
                if (!DUPLICATE_OBJECT.equals(e.getSQLState())) {
                    throw e;
                }
                statement.execute("ALTER ROLE " + quoteIdentifier(name) + " LOGIN PASSWORD " + quotedPassword);
                statement.execute("GRANT " + PASSWORD_REQUIRED + " TO " + quoteIdentifier(name));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test role " + name, e);
        }
    }

    private static String quoteIdentifier(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** The port the cluster listens on (127.0.0.1). */
    /** The directory of the server's binaries ({@code pg_dump} is there too). */
    public Path binaries() {
        return binaries;
    }

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
        // Rewriting the file in place keeps its owner (postgres when running as root).
        Files.writeString(data.resolve("pg_hba.conf"), CLIENT_AUTHENTICATION, StandardCharsets.UTF_8);
        int port = ServerProcesses.freePort();
        List<String> command = command(root, List.of(binaries.resolve("postgres").toString(), "-D", data.toString(),
                "-p", Integer.toString(port), "-k", directory.toString(), "-h", "127.0.0.1", "-F",
                "-c", "max_connections=100", "-c", "fsync=off", "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("postgres.log").toFile()).start();
        PostgresServer server = new PostgresServer(directory, binaries, port, root, process);
        server.awaitReady();
        server.createPasswordRequiredGroup();
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

    private void createPasswordRequiredGroup() {
        try (Connection admin = DriverManager.getConnection(adminUrl());
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + PASSWORD_REQUIRED + " NOLOGIN");
        } catch (SQLException e) {
            close();
            throw new IllegalStateException("Could not create the role group " + PASSWORD_REQUIRED, e);
        }
    }

    /**
     * The server's log so far (its stderr: every ERROR it reports, with the statement), for tests
     * of what Cairn makes a database administrator see.
     */
    public String serverLog() throws IOException {
        return log();
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
        ServerProcesses.deleteRecursively(directory, "PostgreSQL");
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
        ServerProcesses.run(command(asPostgresUser, command), log);
    }
}
