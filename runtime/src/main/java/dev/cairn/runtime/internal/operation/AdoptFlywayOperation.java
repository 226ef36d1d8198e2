package dev.cairn.runtime.internal.operation;

import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.FlywayAdoptionReport;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.internal.ApiValues;
import dev.cairn.runtime.internal.MigratorConfig;
import dev.cairn.runtime.internal.dialect.Dialect;
import dev.cairn.runtime.internal.history.History;
import dev.cairn.runtime.internal.history.HistoryEvent;
import dev.cairn.runtime.internal.history.HistoryRow;
import dev.cairn.runtime.internal.history.HistoryTable;
import dev.cairn.runtime.internal.plan.Validator;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code adoptFlyway}: reads Flyway's {@code flyway_schema_history} and records every migration
 * Flyway applied as baselined in Cairn's history, so that {@code migrate} applies exactly what
 * Flyway had not. Flyway's table is only read.
 *
 * <p>Flyway's rows are folded in installation order: a versioned row (types {@code SQL},
 * {@code JDBC}, {@code SCRIPT}, ...) applies its version; a {@code BASELINE} row (or a baseline
 * migration, {@code *_BASELINE}) at V means every version up to V exists; {@code DELETE} (Flyway's
 * repair marking a migration gone) and {@code UNDO_*} rows take their version back; repeatable rows
 * (no version) and the {@code SCHEMA} marker are left aside and reported. Everything is checked,
 * and every problem reported, before anything is written: once without the lock, so that a
 * refusal changes nothing at all, then again under it, where the rows are written in one unit.
 */
public final class AdoptFlywayOperation extends Operation {

    private static final String TABLE = NonEmptyDatabase.FLYWAY_TABLE;

    public AdoptFlywayOperation(MigratorConfig config) {
        super(config);
    }

    public FlywayAdoptionReport adopt() {
        return withConnection("adopt the Flyway history", (connection, dialect, table) -> {
            // A refusal found here leaves the database exactly as it was: no lock, no history table created.
            Adoption.of(config, readFlyway(connection, dialect), readOrEmpty(connection, table, false), table);
            return locked(connection, dialect, table, (locked, lockedDialect, lockedTable, history) -> {
                Validator.throwIfInvalid(config, history, Validator.repairsOnly(Validator.validate(config, history)));
                Adoption adoption = Adoption.of(config, readFlyway(locked, lockedDialect), history, lockedTable);
                String adopter = installedBy(locked);
                List<MigrationDescriptor> adopted = new ArrayList<>();
                lockedDialect.beginUnit(locked);
                for (MigrationDescriptor migration : config.migrations()) {
                    FlywayRow source = adoption.source(migration.version());
                    if (source == null || history.isApplied(migration.version())) {
                        continue;
                    }
                    boolean own = source.version.equals(migration.version()) && !source.isBaseline();
                    lockedTable.append(locked, new HistoryRow(0, migration.version(),
                            own && source.description != null ? source.description : migration.description(),
                            HistoryRow.typeOf(migration.script().isPresent(), migration.transactional()),
                            HistoryEvent.BASELINE, migration.checksum().orElse(null), adopter, source.installedOn,
                            own ? source.executionTimeMillis : 0, null));
                    adopted.add(migration);
                }
                lockedDialect.commitUnit(locked);
                LOG.log(Level.INFO, "Adopted {0} migration(s) from Flyway''s {1}, up to version {2}", adopted.size(),
                        TABLE, adoption.highest);
                return ApiValues.get().flywayAdoptionReport(adoption.highest, adopted, adoption.ignored);
            });
        });
    }

    /** Flyway's rows in installation order; refused (typed) when the table does not exist. */
    private List<FlywayRow> readFlyway(Connection connection, Dialect dialect) throws SQLException {
        List<FlywayRow> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT installed_rank, version, description, type, script, "
                        + "installed_on, execution_time, success FROM " + TABLE + " ORDER BY installed_rank")) {
            while (result.next()) {
                rows.add(new FlywayRow(result.getLong(1), result.getString(2), result.getString(3),
                        result.getString(4), result.getString(5), instant(result.getObject(6)), result.getLong(7),
                        result.getBoolean(8)));
            }
        } catch (SQLException e) {
            if (dialect.isMissingTable(e)) {
                throw ApiValues.get().flywayAdoptionRefused("Cairn cannot adopt the database (" + dialect.name() + ", "
                        + config.dataSourceDescription() + ") from Flyway: nothing was recorded.", List.of(
                        "It has no table " + TABLE + " where Cairn looks (" + (dialect.name().equals("PostgreSQL")
                                ? "the connection's current_schema()" : "the main database") + "), so Flyway did not "
                                + "migrate it there. If the schema was made some other way, record it with "
                                + "baseline(V) (CLI: baseline --version V) instead."));
            }
            throw e;
        }
        return rows;
    }

    /**
     * Flyway's {@code installed_on}: a timestamp on PostgreSQL, text such as
     * {@code 2024-05-01 10:00:00.123} (UTC, SQLite's {@code strftime}) on SQLite; now if unreadable.
     */
    private static Instant instant(Object value) {
        if (value instanceof Timestamp) {
            return ((Timestamp) value).toInstant();
        }
        if (value instanceof Number) {
            return Instant.ofEpochMilli(((Number) value).longValue());
        }
        if (value != null) {
            String text = value.toString().trim().replace(' ', 'T');
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException notAnInstant) {
                try {
                    return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException unreadable) {
                    LOG.log(Level.DEBUG, "Flyway installed_on {0} not understood; recording now", value);
                }
            }
        }
        return Instant.now();
    }

    /** One row of {@code flyway_schema_history}. */
    private static final class FlywayRow {
        final long rank;
        final String versionText;
        final String description;
        final String type;
        final String script;
        final Instant installedOn;
        final long executionTimeMillis;
        final boolean success;
        /** The parsed version, once checked; null until then. */
        MigrationVersion version;

        FlywayRow(long rank, String versionText, String description, String type, String script, Instant installedOn,
                long executionTimeMillis, boolean success) {
            this.rank = rank;
            this.versionText = versionText == null || versionText.isBlank() ? null : versionText.trim();
            this.description = description;
            this.type = type == null ? "" : type.trim().toUpperCase(Locale.ROOT);
            this.script = script;
            this.installedOn = installedOn;
            this.executionTimeMillis = executionTimeMillis;
            this.success = success;
        }

        boolean isBaseline() {
            return type.equals("BASELINE") || type.endsWith("_BASELINE");
        }

        /** Flyway's repair marking a migration as deleted, or an undo (Flyway Teams): the version is gone again. */
        boolean takesBack() {
            return type.equals("DELETE") || type.startsWith("UNDO");
        }

        String describe() {
            return "rank " + rank + (versionText == null ? "" : ", version " + versionText) + " (" + description
                    + (script == null || script.equals(description) ? "" : ", " + script) + ")";
        }
    }

    /** Flyway's history folded and checked against the registry: what to adopt, or every reason not to. */
    private static final class Adoption {
        /** Each adopted version's Flyway row (its own, or the baseline row that covers it). */
        private final Map<MigrationVersion, FlywayRow> sources = new HashMap<>();
        private final List<String> ignored = new ArrayList<>();
        private MigrationVersion highest;

        FlywayRow source(MigrationVersion version) {
            return sources.get(version);
        }

        static Adoption of(MigratorConfig config, List<FlywayRow> rows, History history, HistoryTable table) {
            Adoption adoption = new Adoption();
            List<String> problems = new ArrayList<>();
            Map<MigrationVersion, FlywayRow> applied = new TreeMap<>();
            FlywayRow baseline = null;
            List<MigrationVersion> failedVersions = new ArrayList<>();
            for (FlywayRow row : rows) {
                if (row.type.equals("SCHEMA")) {
                    adoption.ignored.add("Flyway's schema creation marker (rank " + row.rank + ")");
                    continue;
                }
                if (!row.success) {
                    problems.add(row.describe() + " failed in Flyway and may be partly applied. Check the database, "
                            + "finish or undo its work, and run Flyway's repair (which removes the failed row) or migrate "
                            + "it with Flyway successfully; then adopt again.");
                    if (row.versionText != null && MigrationVersion.problemWith(row.versionText) == null) {
                        failedVersions.add(MigrationVersion.parse(row.versionText));
                    }
                    continue;
                }
                if (row.versionText == null) {
                    if (!row.takesBack()) {
                        adoption.ignored.add("repeatable " + (row.script != null ? row.script : row.description)
                                + " (rank " + row.rank + ")");
                    }
                    continue;
                }
                String unreadable = MigrationVersion.problemWith(row.versionText);
                if (unreadable != null) {
                    problems.add(row.describe() + ": " + unreadable + ".");
                    continue;
                }
                row.version = MigrationVersion.parse(row.versionText);
                if (row.takesBack()) {
                    applied.remove(row.version);
                } else if (row.isBaseline()) {
                    if (baseline == null || row.version.compareTo(baseline.version) >= 0) {
                        baseline = row;
                    }
                } else {
                    applied.put(row.version, row);
                }
            }
            MigrationVersion baselineVersion = baseline == null ? MigrationVersion.of(0) : baseline.version;
            adoption.highest = baselineVersion;
            // "Missing" is measured against what the application knows: a version it lacks is its own problem.
            MigrationVersion highestKnown = baselineVersion;
            Map<MigrationVersion, MigrationDescriptor> registry = config.byVersion();
            for (FlywayRow row : applied.values()) {
                adoption.highest = max(adoption.highest, row.version);
                if (registry.containsKey(row.version)) {
                    adoption.sources.put(row.version, row);
                    highestKnown = max(highestKnown, row.version);
                } else {
                    problems.add(row.describe() + " was applied by Flyway, but the application has no migration "
                            + row.version + " (its latest is " + Validator.latestVersion(config) + "). Deploy the "
                            + "application version that has it, or port it to a Cairn migration with that version.");
                }
            }
            for (MigrationDescriptor migration : config.migrations()) {
                MigrationVersion version = migration.version();
                if (adoption.sources.containsKey(version)) {
                    continue;
                }
                if (version.compareTo(baselineVersion) <= 0) {
                    adoption.sources.put(version, baseline);
                } else if (version.compareTo(highestKnown) < 0 && !history.isApplied(version)
                        && !failedVersions.contains(version)) {
                    problems.add("The application's migration " + version + " (" + migration.description()
                            + ") is below Flyway's highest applied version " + highestKnown + ", but Flyway never "
                            + "applied it, so adoption cannot tell whether its changes are in the database. Apply it "
                            + "with Flyway first (flyway -outOfOrder=true migrate), or give it a version above "
                            + highestKnown + " if it is new.");
                }
            }
            // Only worth checking once the rest is right: otherwise it repeats what is reported above.
            for (MigrationDescriptor migration : problems.isEmpty() ? config.migrations()
                    : List.<MigrationDescriptor>of()) {
                if (!adoption.sources.containsKey(migration.version())) {
                    continue;
                }
                for (MigrationVersion dependency : migration.dependsOn()) {
                    if (!adoption.sources.containsKey(dependency) && !history.isApplied(dependency)) {
                        problems.add("The application's migration " + migration.version() + " ("
                                + migration.description() + ") was applied by Flyway, but the migration it depends on, "
                                + dependency + ", was not. Fix dependsOn, or apply " + dependency
                                + " with Flyway first.");
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw ApiValues.get().flywayAdoptionRefused("Cairn cannot adopt the Flyway history in " + TABLE
                        + ": nothing was recorded in " + table.name() + ". Problems:", problems);
            }
            return adoption;
        }

        private static MigrationVersion max(MigrationVersion a, MigrationVersion b) {
            return a.compareTo(b) >= 0 ? a : b;
        }
    }
}
