package dev.cairn.runtime.reliability;

import dev.cairn.runtime.Fleet;
import dev.cairn.runtime.FleetReport;
import dev.cairn.runtime.Registry;
import dev.cairn.runtime.testing.TestRegistry;
import java.nio.file.Path;

/**
 * The fleet the crash test kills: {@code java FleetCrashChildMain <directory> <tenants>} migrates
 * {@code <tenants>} SQLite files {@code t<i>.db} in {@code <directory>} on two threads, printing
 * {@code FINISHED <n>} after the n-th tenant and {@code DONE} at the end.
 */
public final class FleetCrashChildMain {

    /** Rows V2 inserts, one statement at a time: a tenant with fewer or more was half applied or applied twice. */
    static final int ROWS = 20;

    private FleetCrashChildMain() {
    }

    /** Three migrations; V2 is slow enough (a pause per row) that a kill lands inside it often. */
    static Registry registry() {
        return TestRegistry.builder().fingerprinted()
                .migration(1).up("CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(20))")
                .migration(2).dependsOn(1).up(context -> {
                    for (int i = 1; i <= ROWS; i++) {
                        context.execute("INSERT INTO items (id, name) VALUES (" + i + ", 'item " + i + "')");
                        Thread.sleep(1);
                    }
                })
                .migration(3).dependsOn(2).up("CREATE INDEX items_name ON items (name)")
                .build();
    }

    static Fleet fleet(Path directory, int tenants, Fleet.Listener listener) {
        Fleet.Builder builder = Fleet.builder(registry()).parallelism(2).listener(listener);
        for (int i = 0; i < tenants; i++) {
            builder.tenant("t" + i, "jdbc:sqlite:" + directory.resolve("t" + i + ".db"));
        }
        return builder.build();
    }

    public static void main(String[] arguments) {
        FleetReport report = fleet(Path.of(arguments[0]), Integer.parseInt(arguments[1]),
                (tenant, finished, total) -> System.out.println("FINISHED " + finished)).migrate();
        System.out.println(report.succeeded() ? "DONE" : "FAILED " + report.failed());
    }
}
