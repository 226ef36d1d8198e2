package dev.cairn.testing;

import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationContext;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.Migrator;
import dev.cairn.runtime.Registry;
import dev.cairn.runtime.generated.GeneratedMigrations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The round trip of every migration, through Cairn's engine. To undo one migration alone, the
 * walk runs on a view of the registry: the migrations up to the one under test, plus a marker
 * migration (the highest version, doing nothing) that depends on all the others. Rolling back to
 * the marker undoes exactly the migration under test, whatever the shape of the graph, because
 * it is the only applied migration the marker does not depend on. The marker's history rows stay
 * in the throwaway database.
 */
final class RoundTrip {

    /** The marker's version: above any real one. */
    static final MigrationVersion MARKER = MigrationVersion.of(Long.MAX_VALUE);

    private final MigrationTester tester;
    private final TestTarget target;

    RoundTrip(MigrationTester tester, TestTarget target) {
        this.tester = tester;
        this.target = target;
    }

    /**
     * @param after the version after which the round trips start (the migrations up to it in the
     *     registry's order are applied in one go, unchecked); null for all
     */
    RoundTripReport run(MigrationVersion after) {
        List<MigrationDescriptor> all = tester.registry().migrations();
        if (tester.migrator().info().migrations().stream().anyMatch(m -> m.state().isApplied())) {
            throw new IllegalStateException("The round trip needs a fresh database, and migrations were applied to "
                    + target + " already: run it first, or on a tester of its own.");
        }
        int start = 0;
        if (after != null) {
            while (start < all.size() && !all.get(start).version().equals(after)) {
                start++;
            }
            if (start == all.size()) {
                throw new IllegalArgumentException("The registry has no migration " + after + ".");
            }
            start++;
        }
        List<MigrationVersion> checked = new ArrayList<>();
        Map<MigrationVersion, String> skipped = new LinkedHashMap<>();
        List<MigrationDescriptor> before = new ArrayList<>(all.subList(0, start));
        if (start < all.size()) {
            // The marker, once, with what comes before the first migration checked: it stays applied,
            // and each later view only adds dependencies to it.
            apply(tester.migrator(view(before, all.get(start)), target), MARKER, all.get(start),
                    start == 0 ? "marker" : "migrations before it");
        }
        SchemaSnapshot beforeUp = tester.snapshot(target);
        for (MigrationDescriptor migration : all.subList(start, all.size())) {
            Migrator upTo = tester.migrator(view(before, migration), target);
            if (!migration.reversible()) {
                apply(upTo, migration.version(), migration, "up()");
                skipped.put(migration.version(), "has no down() (irreversible)");
                before.add(migration);
                beforeUp = tester.snapshot(target);
                continue;
            }
            apply(upTo, migration.version(), migration, "up()");
            SchemaSnapshot afterUp = tester.snapshot(target);
            try {
                upTo.rollback(MARKER);
            } catch (RuntimeException e) {
                throw new AssertionError("Round trip of migration " + name(migration) + ": its down() failed: "
                        + MigrationTester.describe(e), e);
            }
            List<String> differences = tester.snapshot(target).differencesFrom(beforeUp);
            if (!differences.isEmpty()) {
                throw new AssertionError("Round trip of migration " + name(migration) + ": after its down(), the "
                        + "schema is not what it was before its up() (" + differences.size() + " difference(s); \"new\" "
                        + "= left behind by up(), \"gone\" = removed by down() but there before):\n  "
                        + String.join("\n  ", differences));
            }
            apply(upTo, migration.version(), migration, "up() again, after its down()");
            SchemaSnapshot afterAgain = tester.snapshot(target);
            List<String> again = afterAgain.differencesFrom(afterUp);
            if (!again.isEmpty()) {
                throw new AssertionError("Round trip of migration " + name(migration) + ": applied again after its "
                        + "down(), it built a different schema than the first time:\n  " + String.join("\n  ", again));
            }
            checked.add(migration.version());
            before.add(migration);
            beforeUp = afterAgain;
        }
        return new RoundTripReport(checked, skipped);
    }

    private static void apply(Migrator migrator, MigrationVersion version, MigrationDescriptor migration, String what) {
        try {
            migrator.migrate(version);
        } catch (RuntimeException e) {
            throw new AssertionError("Round trip of migration " + name(migration) + ": its " + what + " failed: "
                    + MigrationTester.describe(e), e);
        }
    }

    private static String name(MigrationDescriptor migration) {
        return migration.version() + " (" + migration.description() + ")";
    }

    /** The migrations before the one under test, that one, and a marker depending on all but it. */
    private static Registry view(List<MigrationDescriptor> before, MigrationDescriptor underTest) {
        String[] dependsOn = new String[before.size()];
        for (int i = 0; i < before.size(); i++) {
            dependsOn[i] = before.get(i).version().toString();
        }
        JavaMigration nothing = new JavaMigration() {
            @Override
            public void up(MigrationContext context) {
            }
        };
        MigrationDescriptor marker = GeneratedMigrations.javaMigration(MARKER.toString(), "Cairn round-trip marker", dependsOn,
                RoundTrip.class.getName() + "$Marker", true, false, null, index -> nothing, 0);
        List<MigrationDescriptor> migrations = new ArrayList<>(before);
        migrations.add(underTest);
        migrations.add(marker);
        return () -> migrations;
    }
}
