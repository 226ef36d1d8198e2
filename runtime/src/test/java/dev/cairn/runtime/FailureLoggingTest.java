package dev.cairn.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.runtime.testing.TestRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed migration is logged once, as one line without its stack trace; the trace is there
 * only for a log level that asks for detail (issue 12 §4: embedded, the trace appeared twice,
 * once logged and once from the exception).
 */
class FailureLoggingTest {

    private static final Registry FAILING = TestRegistry.builder()
            .migration(1).up("CREATE TABLE a (id INTEGER)")
            .migration(2).dependsOn(1).up("INSERT INTO no_such_table VALUES (1)")
            .build();

    @TempDir
    Path directory;

    @Test
    void aFailureIsLoggedOnceWithoutItsTraceAtInfo() {
        List<LogRecord> records = migrateCapturing(Level.INFO);

        List<LogRecord> errors = records.stream().filter(r -> r.getLevel() == Level.SEVERE).collect(Collectors.toList());
        assertEquals(1, errors.size(), describe(records));
        assertTrue(errors.get(0).getMessage().contains("Migration 2"), errors.get(0).getMessage());
        assertTrue(errors.get(0).getMessage().contains("no such table"), errors.get(0).getMessage());
        for (LogRecord record : records) {
            assertNull(record.getThrown(), "no stack trace at INFO: " + describe(records));
        }
    }

    @Test
    void theTraceIsLoggedWhenTheLevelAsksForDetail() {
        List<LogRecord> records = migrateCapturing(Level.ALL);

        assertEquals(1, records.stream().filter(r -> r.getLevel() == Level.SEVERE).count(), describe(records));
        List<LogRecord> traces = records.stream().filter(r -> r.getThrown() != null).collect(Collectors.toList());
        assertEquals(1, traces.size(), describe(records));
        assertTrue(traces.get(0).getLevel().intValue() < Level.INFO.intValue(), "the trace is detail: " + traces.get(0).getLevel());
    }

    private List<LogRecord> migrateCapturing(Level level) {
        Logger cairn = Logger.getLogger("dev.cairn");
        Level before = cairn.getLevel();
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public synchronized void publish(LogRecord record) {
                if (isLoggable(record)) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        cairn.setLevel(level);
        cairn.addHandler(capture);
        try {
            Migrator migrator = Migrator.builder(FAILING).jdbcUrl("jdbc:sqlite:" + directory.resolve("app.db")).build();
            assertThrows(MigrationFailedException.class, migrator::migrate);
        } finally {
            cairn.removeHandler(capture);
            cairn.setLevel(before);
        }
        synchronized (capture) {
            return new ArrayList<>(records);
        }
    }

    private static String describe(List<LogRecord> records) {
        return records.stream().map(r -> r.getLoggerName() + " " + r.getLevel() + " " + r.getMessage()
                + (r.getThrown() == null ? "" : " [trace]")).collect(Collectors.joining("\n"));
    }
}
