package dev.cairn.benchmarks;

import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.Registry;
import dev.cairn.runtime.internal.sql.CompiledScriptCheck;
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
 * <p>Given a second argument, the class name of a registry with SQL scripts (the script workload of
 * issue 18), it also times the stale-registry check that every operation runs first
 * ({@code CompiledScriptCheck}, issue 12) on its own: once cold, right after the registry is loaded,
 * as the start-up pays it, and once more after {@code migrate()} (which ran it a second time), warm.
 *
 * <pre>{@code
 * java -cp cairn-10000.jar:cairn-runtime.jar:sqlite-jdbc.jar:benchmarks-classes \
 *     dev.cairn.benchmarks.CairnStartupPhases jdbc:sqlite:b1_cairn_10000.db
 * java -cp cairnsql-1000.jar:... dev.cairn.benchmarks.CairnStartupPhases jdbc:sqlite:s1_cairn_sql_1000.db \
 *     bench.cairnsql.MigrationRegistry
 * }</pre>
 */
public final class CairnStartupPhases {

    private CairnStartupPhases() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        // Only what the up-to-date path pays: the class and its INSTANCE. The descriptor list is
        // built on first use, which a verified up-to-date start never makes; it is timed last.
        boolean scripts = args.length > 1;
        String registryClass = scripts ? args[1] : "bench.cairn.MigrationRegistry";
        Registry registry = (Registry) Class.forName(registryClass).getField("INSTANCE").get(null);
        long registryLoaded = System.nanoTime();
        if (scripts) {
            CompiledScriptCheck.check(registry);
            System.out.println("phase-stale-check-cold-ns=" + (System.nanoTime() - registryLoaded));
        }

        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl(args[0]);
        DataSource dataSource = sqlite;
        long databaseOpened = System.nanoTime();

        Migrator migrator = Migrator.builder(registry).dataSource(dataSource).build();
        long built = System.nanoTime();
        migrator.migrate();
        long migrated = System.nanoTime();
        if (scripts) {
            CompiledScriptCheck.check(registry);
            System.out.println("phase-stale-check-warm-ns=" + (System.nanoTime() - migrated));
            migrated = System.nanoTime();
        }
        int size = registry.migrations().size();
        long descriptorsBuilt = System.nanoTime();

        System.out.println("migrations=" + size);
        System.out.println("phase-descriptors-on-demand-ns=" + (descriptorsBuilt - migrated));
        System.out.println("phase-registry-ns=" + (registryLoaded - start));
        System.out.println("phase-build-migrator-ns=" + (built - databaseOpened));
        System.out.println("phase-migrate-up-to-date-ns=" + (migrated - built));
    }
}
