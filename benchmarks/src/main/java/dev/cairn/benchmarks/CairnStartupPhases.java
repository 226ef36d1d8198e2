package dev.cairn.benchmarks;

import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.Registry;
import javax.sql.DataSource;
import org.sqlite.SQLiteDataSource;

/**
 * Splits Cairn's B1 start-up on SQLite into phases, in a fresh JVM, to show where its time goes
 * beyond the floor: loading the generated registry, building the migrator, and {@code migrate()}
 * finding nothing to do. The last includes what every contender pays to open the database (JDBC
 * driver, native library, SQLite parsing the schema of N tables), which the raw floor's
 * in-process figure shows on its own. Prints {@code phase-<name>-ns=<nanos>} lines.
 *
 * <p>A diagnostic, not a benchmark: the harness may use reflection here to find the registry of
 * whichever workload is on the class path.
 *
 * <pre>{@code
 * java -cp cairn-10000.jar:cairn-runtime.jar:sqlite-jdbc.jar:benchmarks-classes \
 *     dev.cairn.benchmarks.CairnStartupPhases jdbc:sqlite:b1_cairn_10000.db
 * }</pre>
 */
public final class CairnStartupPhases {

    private CairnStartupPhases() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        // Only what the up-to-date path pays: the class and its INSTANCE. The descriptor list is
        // built on first use, which a verified up-to-date start never makes; it is timed last.
        Registry registry = (Registry) Class.forName("bench.cairn.MigrationRegistry").getField("INSTANCE").get(null);
        long registryLoaded = System.nanoTime();

        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl(args[0]);
        DataSource dataSource = sqlite;
        long databaseOpened = System.nanoTime();

        Migrator migrator = Migrator.builder(registry).dataSource(dataSource).build();
        long built = System.nanoTime();
        migrator.migrate();
        long migrated = System.nanoTime();
        int size = registry.migrations().size();
        long descriptorsBuilt = System.nanoTime();

        System.out.println("migrations=" + size);
        System.out.println("phase-descriptors-on-demand-ns=" + (descriptorsBuilt - migrated));
        System.out.println("phase-registry-ns=" + (registryLoaded - start));
        System.out.println("phase-build-migrator-ns=" + (built - databaseOpened));
        System.out.println("phase-migrate-up-to-date-ns=" + (migrated - built));
    }
}
