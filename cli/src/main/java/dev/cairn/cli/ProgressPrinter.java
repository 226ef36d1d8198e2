package dev.cairn.cli;

import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationListener;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Prints one line per migration as it finishes (version, description, time), the progress
 * messages of long-running migrations in between, and a line for a failure. Used by
 * {@code migrate} and {@code rollback}; {@code verb} says which ("applied", "rolled back").
 */
final class ProgressPrinter implements MigrationListener {
    private final PrintStream out;
    private final String verb;
    private final int versionWidth;

    ProgressPrinter(PrintStream out, String verb, int versionWidth) {
        this.out = out;
        this.verb = verb;
        this.versionWidth = versionWidth;
    }

    @Override
    public void afterMigration(MigrationDescriptor migration, Duration executionTime) {
        out.println("  " + verb + "  " + version(migration) + "  " + migration.description() + "  ("
                + Formats.duration(executionTime) + ")");
        out.flush();
    }

    @Override
    public void migrationFailed(MigrationDescriptor migration, Throwable failure) {
        out.println("  FAILED  " + version(migration) + "  " + migration.description());
        out.flush();
    }

    @Override
    public void progress(MigrationDescriptor migration, String message) {
        out.println("      " + Formats.version(migration) + ": " + message);
        out.flush();
    }

    private String version(MigrationDescriptor migration) {
        String version = Formats.version(migration);
        return " ".repeat(Math.max(0, versionWidth - version.length())) + version;
    }
}
