package dev.cairn.runtime.internal.plan;

import dev.cairn.runtime.MigrationNames;
import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.internal.MigratorConfig;
import dev.cairn.runtime.internal.history.History;
import dev.cairn.runtime.internal.history.HistoryRow;
import dev.cairn.runtime.internal.history.VersionRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Whether the history belongs to another application: every history row records the application
 * (registry) that wrote it, and a database whose applied migrations were written by another
 * application, none of them one of this registry's, is that application's database. Comparing it
 * migration by migration would tell the user that this application's migrations were edited or
 * that the database is newer, and {@code repair} would make it worse.
 *
 * <p>A registry renamed between builds (moved to another package) is still the same application as
 * long as a recorded migration matches one of its own (same version, and the same checksum or
 * description): it is accepted and records its new name from then on. Rows without a recorded
 * application (written by an earlier Cairn) tell nothing. The check costs one pass over the
 * recorded versions, and a string comparison each, when every row was written by this application.
 *
 * <pre>{@code
 * Applications.Foreign foreign = Applications.foreign(config, history);   // null: ours, or unknown
 * }</pre>
 */
public final class Applications {

    /** How many of the other application's migrations a message names. */
    private static final int SHOWN = 5;

    private Applications() {
    }

    /** The other application a history belongs to, with its applied migrations. */
    public static final class Foreign {
        private final String application;
        private final List<MigrationVersion> versions;
        private final List<String> descriptions;

        private Foreign(String application, List<MigrationVersion> versions, List<String> descriptions) {
            this.application = application;
            this.versions = List.copyOf(versions);
            this.descriptions = List.copyOf(descriptions);
        }

        /** The application that wrote the history's applied rows. */
        public String application() {
            return application;
        }

        /** Its applied versions, ascending. */
        public List<MigrationVersion> versions() {
            return versions;
        }

        /** Its applied migrations as {@code 1 "Create users"}, for messages (at most a few, then "and N more"). */
        public String describeMigrations() {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < versions.size() && i < SHOWN; i++) {
                text.append(i == 0 ? "" : ", ").append(versions.get(i));
                String description = descriptions.get(i);
                if (description != null) {
                    text.append(" \"").append(description).append('"');
                }
            }
            if (versions.size() > SHOWN) {
                text.append(" and ").append(versions.size() - SHOWN).append(" more");
            }
            return text.toString();
        }
    }

    /**
     * The other application whose database this is, or null: this migrator records no application,
     * some applied row was written by this application or matches one of its migrations, or no
     * applied row records its writer.
     */
    public static Foreign foreign(MigratorConfig config, History history) {
        String self = config.application();
        if (self == null) {
            return null;
        }
        String other = null;
        MigrationVersion lowest = null;
        for (VersionRecord record : history.versions()) {
            if (!record.isApplied()) {
                continue;
            }
            String writer = record.lastSettledRow().application();
            if (self.equals(writer)) {
                return null; // this application applied migrations here: the normal checks say what differs
            }
            if (writer != null && (lowest == null || record.version().compareTo(lowest) < 0)) {
                other = writer;
                lowest = record.version();
            }
        }
        if (other == null) {
            return null;
        }
        Map<MigrationVersion, MigrationDescriptor> byVersion = config.byVersion();
        List<VersionRecord> theirs = new ArrayList<>();
        for (VersionRecord record : history.versions()) {
            if (!record.isApplied()) {
                continue;
            }
            MigrationDescriptor migration = byVersion.get(record.version());
            if (migration != null && matches(migration, record)) {
                return null; // the same application under another registry name
            }
            if (other.equals(record.lastSettledRow().application())) {
                theirs.add(record);
            }
        }
        theirs.sort(Comparator.comparing(VersionRecord::version));
        List<MigrationVersion> versions = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        for (VersionRecord record : theirs) {
            versions.add(record.version());
            descriptions.add(record.lastSettledRow().description());
        }
        return new Foreign(other, versions, descriptions);
    }

    /** Whether the recorded migration is this one: the same checksum, or the same description. */
    private static boolean matches(MigrationDescriptor migration, VersionRecord record) {
        String checksum = migration.checksum().orElse(null);
        if (checksum != null && checksum.equals(record.checksum())) {
            return true;
        }
        String description = record.lastSettledRow().description();
        return MigrationNames.sameDescription(description, migration.description());
    }

    /** The message: whose database this is, whose application this is, and what to do. */
    public static String message(MigratorConfig config, Foreign foreign, String historyTable) {
        List<MigrationVersion> ours = new ArrayList<>();
        for (MigrationDescriptor migration : config.migrations()) {
            ours.add(migration.version());
        }
        ours.sort(null);
        return "The database belongs to another application: its history table " + historyTable
                + " records migrations applied by " + foreign.application() + " (" + foreign.describeMigrations()
                + "), and none of them is a migration of this application, " + config.application()
                + " (its migrations " + ours + "). Nothing was applied and the history was not changed. Point "
                + config.application() + " at its own database, or give it its own history table "
                + "(Migrator.Builder.historyTable(...)) or schema (historySchema(...)) if the two must share the "
                + "database.";
    }
}
