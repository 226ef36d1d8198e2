package dev.cairn.spring.boot;

import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.InvalidConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Checks the {@code cairn.*} values the runtime cannot name as properties, so that start-up stops with
 * Spring Boot's report naming the property, its value and the reason.
 */
final class PropertyChecks {

    private PropertyChecks() {
    }

    static void check(CairnProperties properties) {
        version("cairn.target", properties.getTarget());
        version("cairn.baseline-version", properties.getBaselineVersion());
        if (properties.getUrl() == null) {
            if (properties.getUser() != null) {
                throw new InvalidConfigurationPropertyValueException("cairn.user", properties.getUser(),
                        "cairn.user is for Cairn's own connection, which cairn.url opens; set cairn.url too, or "
                                + "remove cairn.user to migrate the application's DataSource.");
            }
            if (properties.getPassword() != null) {
                throw new InvalidConfigurationPropertyValueException("cairn.password", "******",
                        "cairn.password is for Cairn's own connection, which cairn.url opens; set cairn.url too, "
                                + "or remove cairn.password to migrate the application's DataSource.");
            }
        }
        if (properties.getLockTimeout() == null || properties.getLockTimeout().isNegative()
                || properties.getLockTimeout().isZero()) {
            throw new InvalidConfigurationPropertyValueException("cairn.lock-timeout", properties.getLockTimeout(),
                    "The lock timeout must be a positive duration, for example 30s or 2m.");
        }
        if (properties.getBatchSize() != null && properties.getBatchSize() < 1) {
            throw new InvalidConfigurationPropertyValueException("cairn.batch-size", properties.getBatchSize(),
                    "A batch holds at least 1 row; leave cairn.batch-size out to keep each migration's own.");
        }
        if (properties.getBatchPause() != null && properties.getBatchPause().isNegative()) {
            throw new InvalidConfigurationPropertyValueException("cairn.batch-pause", properties.getBatchPause(),
                    "The pause between batches cannot be negative; for example 200ms, or 0 for none.");
        }
        if (properties.getBatchTimeLimit() != null
                && (properties.getBatchTimeLimit().isNegative() || properties.getBatchTimeLimit().isZero())) {
            throw new InvalidConfigurationPropertyValueException("cairn.batch-time-limit",
                    properties.getBatchTimeLimit(), "The batch time limit must be a positive duration, for example "
                            + "30s; leave it out for no limit.");
        }
        if (properties.getSqlite().getBackupDirectory() != null && properties.getSqlite().getBackupRetain() < 1) {
            throw new InvalidConfigurationPropertyValueException("cairn.sqlite.backup-retain",
                    properties.getSqlite().getBackupRetain(), "Keep at least 1 backup.");
        }
    }

    /**
     * A version property: a positive whole number today. Versions are handled as text everywhere else in
     * the starter; this is the one place that parses them.
     */
    static void version(String name, String value) {
        if (value == null) {
            return;
        }
        String problem = MigrationVersion.problemWith(value.trim());
        if (problem == null && MigrationVersion.parse(value.trim()).equals(MigrationVersion.of(0))) {
            problem = "A migration version is positive";
        }
        if (problem != null) {
            throw new InvalidConfigurationPropertyValueException(name, value, problem + ". A migration version is "
                    + "a positive whole number (7) or numbers separated by dots (1.10), the version of an @Migration "
                    + "or of a SQL script.");
        }
    }

    /** The runtime refused the configuration: name the property it came from. */
    static RuntimeException asPropertyProblem(CairnProperties properties, InvalidConfigurationException refused) {
        Map<String, Object> byBuilderName = new LinkedHashMap<>();
        byBuilderName.put("historyTable", properties.getHistoryTable());
        byBuilderName.put("historySchema", properties.getHistorySchema());
        byBuilderName.put("installedBy", properties.getInstalledBy());
        byBuilderName.put("applicationName", properties.getApplicationName());
        byBuilderName.put("lockTimeout", properties.getLockTimeout());
        byBuilderName.put("jdbcUrl", properties.getUrl());
        byBuilderName.put("placeholder", properties.getPlaceholders());
        byBuilderName.put("backup retention", properties.getSqlite().getBackupRetain());
        String message = refused.getMessage();
        for (Map.Entry<String, Object> entry : byBuilderName.entrySet()) {
            if (message.contains(entry.getKey())) {
                return new InvalidConfigurationPropertyValueException(propertyName(entry.getKey()), entry.getValue(),
                        message);
            }
        }
        return refused;
    }

    private static String propertyName(String builderName) {
        switch (builderName) {
            case "historyTable": return "cairn.history-table";
            case "historySchema": return "cairn.history-schema";
            case "installedBy": return "cairn.installed-by";
            case "applicationName": return "cairn.application-name";
            case "lockTimeout": return "cairn.lock-timeout";
            case "jdbcUrl": return "cairn.url";
            case "placeholder": return "cairn.placeholders";
            default: return "cairn.sqlite.backup-retain";
        }
    }
}
