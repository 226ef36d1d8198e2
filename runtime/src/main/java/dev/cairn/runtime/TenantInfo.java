package dev.cairn.runtime;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one tenant of a {@link Fleet} stands, from {@link Fleet#info()}: its highest applied
 * version, how many migrations are pending, which failed, or why it could not be read.
 *
 * <pre>{@code
 * TenantInfo acme = fleet.info().tenant("acme").orElseThrow();
 * System.out.println(acme.version().map(MigrationVersion::toString).orElse("empty") + ", "
 *         + acme.pending() + " pending");
 * }</pre>
 */
public final class TenantInfo {

    private final String tenant;
    private final MigrationVersion version;
    private final int pending;
    private final List<MigrationVersion> failedMigrations;
    private final CairnException error;

    TenantInfo(String tenant, MigrationVersion version, int pending, List<MigrationVersion> failedMigrations,
            CairnException error) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.version = version;
        this.pending = pending;
        this.failedMigrations = List.copyOf(failedMigrations);
        this.error = error;
    }

    public String tenant() {
        return tenant;
    }

    /**
     * The highest version applied or baselined (repeatable migrations aside); empty for a tenant
     * with nothing applied, or one that could not be read.
     */
    public Optional<MigrationVersion> version() {
        return Optional.ofNullable(version);
    }

    /** How many of the application's migrations are not applied yet ({@link InfoReport#pending()}). */
    public int pending() {
        return pending;
    }

    /** The migrations whose last attempt failed on this tenant; {@code migrate} retries them. */
    public List<MigrationVersion> failedMigrations() {
        return failedMigrations;
    }

    /** Why the tenant could not be read (unreachable, not a database, another application's). */
    public Optional<CairnException> error() {
        return Optional.ofNullable(error);
    }

    /** Whether the tenant needs attention: it could not be read, or a migration failed on it. */
    public boolean failed() {
        return error != null || !failedMigrations.isEmpty();
    }

    @Override
    public String toString() {
        return tenant + ": " + (error != null ? "unreadable, " + error.getMessage()
                : (version == null ? "empty" : "at " + version) + ", " + pending + " pending"
                        + (failedMigrations.isEmpty() ? "" : ", failed " + failedMigrations));
    }
}
