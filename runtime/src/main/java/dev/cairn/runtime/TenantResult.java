package dev.cairn.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Fleet#migrate()} did to one tenant: its {@link Status}, the migrations applied (in
 * order, with their times), how long the tenant took, and the error that stopped it.
 *
 * <pre>{@code
 * for (TenantResult tenant : report.failed()) {
 *     log.error("tenant " + tenant.tenant() + " failed", tenant.error().orElseThrow());
 * }
 * }</pre>
 */
public final class TenantResult {

    /** How a tenant's migration ended. */
    public enum Status {
        /** At least one migration was applied, and the tenant is now complete. */
        MIGRATED,
        /** Nothing was pending: the tenant was already complete (the one-query start). */
        UP_TO_DATE,
        /**
         * The tenant could not be migrated: unreachable, not a database, refused by validation, a
         * migration failed or its lock was held too long. Migrations applied before the failure
         * stay applied and are listed in {@link #applied()}; the next run retries the rest.
         */
        FAILED,
        /** Not started: the run stopped first ({@linkplain Fleet.Builder#failFast(boolean) fail-fast}, interrupt). */
        NOT_RUN,
        /**
         * A batch time limit ({@link Migrator.Builder#batchTimeLimit}, set through
         * {@link Fleet.Builder#configure}) left a {@link BatchedMigration} in progress: its
         * committed batches and the migrations applied are listed, the next run resumes it.
         */
        IN_PROGRESS
    }

    private final String tenant;
    private final Status status;
    private final List<ExecutedMigration> applied;
    private final Duration duration;
    private final CairnException error;

    TenantResult(String tenant, Status status, List<ExecutedMigration> applied, Duration duration,
            CairnException error) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.status = Objects.requireNonNull(status, "status");
        this.applied = List.copyOf(applied);
        this.duration = Objects.requireNonNull(duration, "duration");
        this.error = error;
    }

    /** The tenant's name, as given to the {@link Fleet.Builder} (a schema's name for a schema tenant). */
    public String tenant() {
        return tenant;
    }

    public Status status() {
        return status;
    }

    /** Whether this tenant failed. */
    public boolean failed() {
        return status == Status.FAILED;
    }

    /**
     * The migrations this run applied to the tenant, in order. For a failed tenant, those applied
     * (and committed) before the failure.
     */
    public List<ExecutedMigration> applied() {
        return applied;
    }

    /** How long the tenant took, connecting included; zero when it did not run. */
    public Duration duration() {
        return duration;
    }

    /** Why the tenant failed; empty unless {@link #status()} is {@link Status#FAILED}. */
    public Optional<CairnException> error() {
        return Optional.ofNullable(error);
    }

    @Override
    public String toString() {
        return tenant + ": " + status + (applied.isEmpty() ? "" : ", applied " + applied.size())
                + (error == null ? "" : ", " + error.getMessage());
    }
}
