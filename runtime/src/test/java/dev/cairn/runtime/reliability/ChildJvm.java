package dev.cairn.runtime.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM on the test class path whose output is read line by line as it comes: the test can
 * wait for a line ({@link #awaitLine}), see the last {@code PHASE} marker, and read everything
 * printed. {@link #kill()} is {@link Process#destroyForcibly()}, which on Linux sends SIGKILL (the
 * exit value is then 137 = 128 + 9, which {@link #killedBySigkill()} checks).
 *
 * <pre>{@code
 * ChildJvm child = ChildJvm.start(CrashChildMain.class, url);
 * child.awaitLine("PHASE data", 60);
 * child.kill();
 * }</pre>
 */
final class ChildJvm {

    /** The exit value of a process killed by SIGKILL. */
    static final int SIGKILL_EXIT = 128 + 9;

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Map<String, CountDownLatch> awaited = new ConcurrentHashMap<>();
    private final Map<String, Long> firstSeenNanos = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile String lastPhase = "start";

    private ChildJvm(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "child-" + process.pid() + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildJvm start(Class<?> main, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                // Start fast and light: many of these run at once on two cores.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(arguments));
        return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private void read() {
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                long now = System.nanoTime();
                synchronized (lines) {
                    lines.add(line);
                }
                if (line.startsWith("PHASE ")) {
                    lastPhase = line.substring("PHASE ".length()).trim();
                }
                firstSeenNanos.putIfAbsent(line, now);
                latch(line).countDown();
            }
        } catch (IOException e) {
            // The process died; what was read stays.
        } finally {
            for (CountDownLatch latch : awaited.values()) {
                latch.countDown(); // nobody waits for a line that will never come
            }
        }
    }

    private CountDownLatch latch(String line) {
        return awaited.computeIfAbsent(line, key -> new CountDownLatch(1));
    }

    /** Waits until the child printed {@code line} (true) or ended without it (false). */
    boolean awaitLine(String line, long timeoutSeconds) throws InterruptedException {
        if (!latch(line).await(timeoutSeconds, TimeUnit.SECONDS)) {
            return false;
        }
        return firstSeenNanos.containsKey(line);
    }

    /** When the line was first read ({@link System#nanoTime()}), or null. */
    Long seenAt(String line) {
        return firstSeenNanos.get(line);
    }

    /** The phase of the last {@code PHASE} marker read, {@code start} before the first. */
    String lastPhase() {
        return lastPhase;
    }

    /** SIGKILL (on Linux), then waits for the process to end. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(1, TimeUnit.MINUTES);
    }

    /** Waits for the end; false on timeout (then kills the child). */
    boolean waitFor(long timeoutSeconds) throws InterruptedException {
        if (process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            reader.join(10_000);
            return true;
        }
        kill();
        return false;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    boolean killedBySigkill() {
        return !process.isAlive() && process.exitValue() == SIGKILL_EXIT;
    }

    long pid() {
        return process.pid();
    }

    /** Everything the child printed so far. */
    String output() throws InterruptedException {
        if (!process.isAlive()) {
            reader.join(10_000);
        }
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }
}
