package dev.cairn.runtime.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A throwaway MariaDB server for tests: a data directory made with {@code mariadb-install-db} in a
 * temporary folder, {@code mariadbd} on a free loopback port with its own socket (never the
 * system's service), one fresh database per test, stopped and deleted when the JVM exits.
 *
 * <pre>{@code
 * MariaDbServer server = MariaDbServer.shared();        // skips (or fails on CI) without binaries
 * MariaDbServer.Database database = server.createDatabase();
 * DataSource viaMariaDbDriver = database.dataSource(MariaDbServer.Driver.MARIADB);
 * DataSource viaMySqlDriver = database.dataSource(MariaDbServer.Driver.MYSQL);
 * }</pre>
 *
 * <p>{@code root} connects from 127.0.0.1 without a password, so most tests need no credentials;
 * tests of password handling create a user with {@link #createUser(String, String)}.
 *
 * <p>Without the MariaDB server binaries the calling test is skipped with a loud message, unless
 * the environment has {@code CI=true}: then it fails, so CI cannot silently skip MariaDB. The
 * binaries are found through {@code $MARIADB_BINDIR} (a folder holding both {@code mariadbd} and
 * {@code mariadb-install-db}), else on the {@code PATH}, {@code /usr/sbin} and {@code /usr/bin}
 * (Debian's {@code apt-get install mariadb-server}).
 */
public final class MariaDbServer implements AutoCloseable {

    private static final String SUPERUSER = "root";
    private static final ServerProcesses.Shared<MariaDbServer> SHARED = new ServerProcesses.Shared<>("MariaDB",
            "Install the MariaDB server (apt-get install mariadb-server: mariadbd and mariadb-install-db).",
            MariaDbServer::start);

    private final Path directory;
    private final int port;
    private final Process process;
    private final AtomicInteger databaseCounter = new AtomicInteger();

    /** Which JDBC driver a test connects with; both speak to the same server. */
    public enum Driver {
        /** {@code org.mariadb.jdbc:mariadb-java-client}, {@code jdbc:mariadb:} URLs. */
        MARIADB("jdbc:mariadb:"),
        /** {@code com.mysql:mysql-connector-j}, {@code jdbc:mysql:} URLs. */
        MYSQL("jdbc:mysql:");

        private final String prefix;

        Driver(String prefix) {
            this.prefix = prefix;
        }
    }

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

        /** A JDBC URL for the password-less {@code root} through the MariaDB driver. */
        public String jdbcUrl() {
            return jdbcUrl(Driver.MARIADB);
        }

        /** A JDBC URL for the password-less {@code root} through {@code driver}. */
        public String jdbcUrl(Driver driver) {
            return jdbcUrlWithoutUser(driver) + (driver == Driver.MYSQL ? "&" : "?") + "user=" + SUPERUSER;
        }

        /** A JDBC URL naming no user, for connections that give a user and its password separately. */
        public String jdbcUrlWithoutUser(Driver driver) {
            // Connector/J: no TLS (the test server has no certificate), so it does not warn or retry.
            return driver.prefix + "//127.0.0.1:" + port + "/" + name + (driver == Driver.MYSQL ? "?sslMode=DISABLED" : "");
        }

        /** A DataSource through the MariaDB driver, opening a new connection per call. */
        public DataSource dataSource() {
            return dataSource(Driver.MARIADB);
        }

        /** A DataSource through {@code driver}, opening a new connection per call. */
        public DataSource dataSource(Driver driver) {
            String url = jdbcUrl(driver);
            try {
                if (driver == Driver.MARIADB) {
                    return new org.mariadb.jdbc.MariaDbDataSource(url);
                }
                com.mysql.cj.jdbc.MysqlDataSource dataSource = new com.mysql.cj.jdbc.MysqlDataSource();
                dataSource.setUrl(url);
                return dataSource;
            } catch (SQLException e) {
                throw new IllegalStateException("Bad test URL " + url, e);
            }
        }
    }

    private MariaDbServer(Path directory, int port, Process process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
    }

    /**
     * The server shared by every test of this JVM, started on first use. Skips the calling test
     * when MariaDB is not installed, or fails it when {@code CI=true}.
     */
    public static MariaDbServer shared() {
        return SHARED.get();
    }

    /** Creates a fresh, empty database (utf8mb4). */
    public Database createDatabase() {
        String name = "cairn_test_" + databaseCounter.incrementAndGet();
        try (Connection admin = DriverManager.getConnection(adminUrl());
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
        return new Database(name, port);
    }

    /**
     * Creates a user that connects from 127.0.0.1 with {@code password} and may do anything in
     * {@code database}; if it exists already, sets its password.
     */
    public void createUser(String name, String password, Database database) {
        String user = "'" + name.replace("'", "''") + "'@'127.0.0.1'";
        String quotedPassword = "'" + password.replace("\\", "\\\\").replace("'", "''") + "'";
        try (Connection admin = DriverManager.getConnection(adminUrl());
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE USER IF NOT EXISTS " + user + " IDENTIFIED BY " + quotedPassword);
            statement.execute("ALTER USER " + user + " IDENTIFIED BY " + quotedPassword);
            statement.execute("GRANT ALL PRIVILEGES ON " + database.name() + ".* TO " + user);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test user " + name, e);
        }
    }

    /** The port the server listens on (127.0.0.1). */
    public int port() {
        return port;
    }

    /** Starts a new server; prefer {@link #shared()}. */
    public static MariaDbServer start() throws IOException {
        Path server = findBinary("mariadbd", Paths.get("/usr/sbin"));
        Path installDb = findBinary("mariadb-install-db", Paths.get("/usr/bin"));
        boolean root = "root".equals(System.getProperty("user.name"));
        Path directory = Files.createTempDirectory("cairn-mariadb-");
        Path data = directory.resolve("data");
        // --no-defaults: nothing from /etc/mysql (the system's server, its socket and port) applies.
        // As root both programs need --user=root, else they refuse to run (or switch to mysql).
        List<String> install = new ArrayList<>(List.of(installDb.toString(), "--no-defaults",
                "--datadir=" + data, "--auth-root-authentication-method=normal", "--skip-test-db",
                "--skip-name-resolve"));
        if (root) {
            install.add("--user=root");
        }
        ServerProcesses.run(install, directory.resolve("install.log"));
        int port = ServerProcesses.freePort();
        List<String> command = new ArrayList<>(List.of(server.toString(), "--no-defaults", "--datadir=" + data,
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + directory.resolve("mariadb.sock"),
                "--pid-file=" + directory.resolve("mariadb.pid"), "--log-error=" + directory.resolve("error.log"),
                "--skip-name-resolve", "--skip-log-bin", "--max-connections=200",
                "--innodb-buffer-pool-size=64M", "--innodb-log-file-size=32M",
                "--innodb-flush-log-at-trx-commit=2", "--character-set-server=utf8mb4"));
        if (root) {
            command.add("--user=root");
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("mariadbd.out").toFile()).start();
        MariaDbServer started = new MariaDbServer(directory, port, process);
        started.awaitReady();
        return started;
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String log = log();
                close();
                throw new IllegalStateException("mariadbd exited: " + log);
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
        String log = log();
        close();
        throw new IllegalStateException("mariadbd did not accept connections within 60 s: " + last + "\n" + log);
    }

    private String log() throws IOException {
        StringBuilder log = new StringBuilder();
        for (String name : List.of("error.log", "mariadbd.out")) {
            Path file = directory.resolve(name);
            if (Files.exists(file)) {
                log.append(Files.readString(file));
            }
        }
        return log.toString();
    }

    private String adminUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/?user=" + SUPERUSER;
    }

    /** Stops the server (SIGTERM: a clean shutdown) and deletes its directory. */
    @Override
    public synchronized void close() {
        if (!Files.exists(directory)) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ServerProcesses.deleteRecursively(directory, "MariaDB");
    }

    private static Path findBinary(String name, Path usual) {
        String configured = System.getenv("MARIADB_BINDIR");
        if (configured != null) {
            // An explicit setting wins, also to check the skip/fail behaviour: MARIADB_BINDIR=/nowhere.
            Path binary = Paths.get(configured, name);
            if (Files.isExecutable(binary)) {
                return binary;
            }
            throw new IllegalStateException("MARIADB_BINDIR=" + configured + " has no executable " + name);
        }
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String folder : path.split(java.io.File.pathSeparator)) {
                if (!folder.isEmpty()) {
                    candidates.add(Paths.get(folder, name));
                }
            }
        }
        candidates.add(usual.resolve(name));
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("MariaDB server binary " + name + " not found (on the PATH, in " + usual
                + ", or via $MARIADB_BINDIR)");
    }
}
