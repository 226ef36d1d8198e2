package dev.cairn.runtime.reliability;

import dev.cairn.runtime.Migrator;



/**
 * The application the crash harness kills: {@code java CrashChildMain <jdbc url>} migrates
 * {@link CrashRegistry} with default settings, printing {@code PHASE <name>} as it enters each
 * phase and {@code DONE} at the end; exit 0, or 1 with the failure on stderr.
 */
public final class CrashChildMain {

    private CrashChildMain() {
    }

    public static void main(String[] arguments) {
        CrashRegistry.printMarkers();
        try {
            // The migrations start from the users table seeded before the first run (see CrashRegistry).
            Migrator.builder(CrashRegistry.registry()).jdbcUrl(arguments[0]).listener(CrashRegistry.markers())
                    .allowNonEmptyDatabase(true).build()
                    .migrate();
            System.out.println("DONE");
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
    }
}
