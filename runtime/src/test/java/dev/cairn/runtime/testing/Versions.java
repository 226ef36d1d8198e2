package dev.cairn.runtime.testing;

import dev.cairn.runtime.MigrationVersion;
import java.util.ArrayList;
import java.util.List;

/** Expected versions in assertions: {@code assertEquals(versions(2, 3), report.clearedFailures())}. */
public final class Versions {

    private Versions() {
    }

    /** The whole-number versions, in the order given. */
    public static List<MigrationVersion> versions(long... versions) {
        List<MigrationVersion> list = new ArrayList<>(versions.length);
        for (long version : versions) {
            list.add(MigrationVersion.of(version));
        }
        return List.copyOf(list);
    }
}
