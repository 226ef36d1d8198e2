package dev.cairn.runtime.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import org.h2.tools.Server;

/**
 * A throwaway H2 TCP server on a free loopback port with databases in a temporary folder, either
 * in this JVM ({@link #inProcess()}) or in a JVM of its own ({@link #separateJvm()}, so that the
 * processes that migrate through it share no JVM with the server). Closing stops it and deletes
 * the folder.
 *
 * <pre>{@code
 * try (H2Server server = H2Server.inProcess()) {
 *     String url = server.jdbcUrl("app");   // jdbc:h2:tcp://127.0.0.1:<port>/app
 * }
 * }</pre>
 */
public final class H2Server implements AutoCloseable {

    private final Path directory;
    private int port;
    private Server server;
    private final Process process;

    private H2Server(Path directory, int port, Server server, Process process) {
        this.directory = directory;
        this.port = port;
        this.server = server;
        this.process = process;
    }

    /** A server in this JVM. */
    public static H2Server inProcess() throws IOException, SQLException {
        Path directory = Files.createTempDirectory("cairn-h2-server-");
        Server server = Server.createTcpServer("-tcpPort", Integer.toString(freePort()), "-ifNotExists",
                "-baseDir", directory.toString()).start();
        return new H2Server(directory, server.getPort(), server, null);
    }

    /** A server in a JVM of its own, started with {@code org.h2.tools.Server -tcp}. */
    public static H2Server separateJvm() throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("cairn-h2-server-");
        int port = freePort();
        Process process = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Server.class.getName(), "-tcp", "-tcpPort",
                Integer.toString(port), "-ifNotExists", "-baseDir", directory.toString())
                .redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = output.readLine()) != null && !line.startsWith("TCP server running")) {
            seen.append(line).append('\n');
        }
        if (line == null) {
            process.waitFor(10, TimeUnit.SECONDS);
            throw new IOException("The H2 server did not start:\n" + seen);
        }
        Thread drain = new Thread(() -> {
            try {
                while (output.readLine() != null) {
                    // keep the pipe from filling
                }
            } catch (IOException e) {
                // the server ended
            }
        }, "h2-server-output");
        drain.setDaemon(true);
        drain.start();
        return new H2Server(directory, port, null, process);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Stops the in-process server as a crash of its host would look to clients: every open
     * connection is cut. The databases stay in the folder for {@link #restart()}.
     */
    public void stop() {
        server.stop();
    }

    /** Starts the in-process server again on the same folder, on a new free port (see {@link #jdbcUrl}). */
    public void restart() throws IOException, SQLException {
        server = Server.createTcpServer("-tcpPort", Integer.toString(freePort()), "-ifNotExists",
                "-baseDir", directory.toString()).start();
        port = server.getPort();
    }

    /** The URL of database {@code name} on this server (made on first connection). */
    public String jdbcUrl(String name) {
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/" + name;
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
