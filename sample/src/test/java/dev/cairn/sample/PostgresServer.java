package dev.cairn.sample;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL server for the sample's tests: {@code initdb} into a temp directory,
 * {@code pg_ctl start} on a free loopback port, password authentication (so the tests exercise
 * {@code CAIRN_PASSWORD}), {@code pg_ctl stop} at the end. As root, the server binaries run as
 * the {@code postgres} user because {@code initdb} refuses root.
 *
 * <p>Without PostgreSQL binaries the tests are skipped with a loud message, except when
 * {@code CI=true}: then a missing server is a failure, so CI cannot silently test less.
 */
final class PostgresServer implements AutoCloseable {
    static final String USER = "cairn";
    static final String PASSWORD = "s3cret-pw";
    static final String DATABASE = "bookshop";

    private final Path directory;
    private final Path bin;
    private final int port;

    private PostgresServer(Path directory, Path bin, int port) {
        this.directory = directory;
        this.bin = bin;
        this.port = port;
    }

    static PostgresServer start() throws Exception {
        Path bin = findBinaries();
        if (bin == null) {
            String message = "PostgreSQL server binaries not found (pg_config --bindir): PostgreSQL tests of the "
                    + "sample NOT RUN";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + ", and CI=true requires them.");
            }
            System.err.println("!!!!! " + message + " !!!!!");
            Assumptions.abort(message);
        }
        Path directory = Files.createTempDirectory("cairn-sample-pg");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            exec(List.of("chown", "-R", "postgres", directory.toString()));
        }
        Path passwordFile = directory.resolve("password");
        Files.writeString(passwordFile, PASSWORD + "\n", StandardCharsets.UTF_8);
        if (root) {
            exec(List.of("chown", "postgres", passwordFile.toString()));
        }
        Path data = directory.resolve("data");
        exec(asServerUser(root, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                "--pwfile=" + passwordFile, "--auth=scram-sha-256", "-E", "UTF8", "--no-sync"));
        int port = freePort();
        exec(asServerUser(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60",
                "-l", directory.resolve("server.log").toString(), "-o",
                "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
        PostgresServer server = new PostgresServer(directory, bin, port);
        try (Connection connection = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The JDBC URL of the test database, without credentials. */
    String url() {
        return url(DATABASE);
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates an empty database so that each test starts from scratch; returns its URL. */
    String createDatabase(String name) throws Exception {
        try (Connection connection = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    Connection connect(String url) throws Exception {
        return DriverManager.getConnection(url, USER, PASSWORD);
    }

    @Override
    public void close() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            exec(asServerUser(root, bin.resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(),
                    "-m", "immediate", "-w", "stop"));
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static Path findBinaries() {
        try {
            Process process = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor() == 0) {
                Path bin = Paths.get(output);
                if (Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"))) {
                    return bin;
                }
            }
        } catch (IOException | InterruptedException e) {
            // No pg_config on the PATH: treated as "no PostgreSQL" below.
        }
        return null;
    }

    private static List<String> asServerUser(boolean root, String... command) {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static void exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n"
                    + new String(output, StandardCharsets.UTF_8));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
