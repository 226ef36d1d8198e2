package dev.cairn.runtime.reliability;

import dev.cairn.runtime.MigrationReport;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.testing.ConcurrentMigrationMain;
import dev.cairn.runtime.testing.LockHolderMain;
import dev.cairn.runtime.testing.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An application instance starting up with DEFAULT settings (no lock timeout configured), for the
 * concurrent start-up suite: {@code java StartupChildMain <jdbc url> <registry> <go file>} where
 * registry is {@code chain:<count>} ({@link ConcurrentMigrationMain#registry(int)}) or
 * {@code lockholder} ({@link LockHolderMain#registry(boolean, boolean)}, transactional, not
 * hanging). It prints {@code READY}, waits until the go file exists (so that every instance
 * starts at the same moment however long the JVMs took to start), prints {@code started <epoch
 * ms>}, migrates, and prints {@code applied <n>} and {@code finished <epoch ms>}; exit 0, or 1
 * with the failure on stderr.
 */
public final class StartupChildMain {

    private StartupChildMain() {
    }

    static TestRegistry registry(String name) {
        if (name.startsWith("chain:")) {
            return ConcurrentMigrationMain.registry(Integer.parseInt(name.substring("chain:".length())));
        }
        return LockHolderMain.registry(true, false);
    }

    public static void main(String[] arguments) throws Exception {
        Migrator migrator = Migrator.builder(registry(arguments[1])).jdbcUrl(arguments[0]).build();
        Path go = Path.of(arguments[2]);
        System.out.println("READY");
        System.out.flush();
        while (!Files.exists(go)) {
            Thread.sleep(1);
        }
        System.out.println("started " + System.currentTimeMillis());
        try {
            MigrationReport report = migrator.migrate();
            System.out.println("applied " + report.applied().size());
            System.out.println("finished " + System.currentTimeMillis());
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
    }
}
