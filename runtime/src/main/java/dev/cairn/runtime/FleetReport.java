package dev.cairn.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The result of {@link Fleet#migrate()}: one {@link TenantResult} per tenant, in the order the
 * tenants were given (schemas matched by a pattern in name order), and the run's wall time.
 *
 * <pre>{@code
 * FleetReport report = fleet.migrate();
 * log.info(report.migrated().size() + " migrated, " + report.upToDate().size() + " up to date in "
 *         + report.duration());
 * if (!report.succeeded()) {
 *     report.failed().forEach(t -> log.error(t.tenant() + ": " + t.error().orElseThrow().getMessage()));
 * }
 * }</pre>
 */
public final class FleetReport {

    private final List<TenantResult> tenants;
    private final Duration duration;

    FleetReport(List<TenantResult> tenants, Duration duration) {
        this.tenants = List.copyOf(tenants);
        this.duration = duration;
    }

    /** Every tenant's result, in the fleet's order. */
    public List<TenantResult> tenants() {
        return tenants;
    }

    /** The tenant of that name, if it is in the fleet. */
    public Optional<TenantResult> tenant(String name) {
        for (TenantResult tenant : tenants) {
            if (tenant.tenant().equals(name)) {
                return Optional.of(tenant);
            }
        }
        return Optional.empty();
    }

    /** The tenants in {@code status}, in the fleet's order. */
    public List<TenantResult> inStatus(TenantResult.Status status) {
        List<TenantResult> matching = new ArrayList<>();
        for (TenantResult tenant : tenants) {
            if (tenant.status() == status) {
                matching.add(tenant);
            }
        }
        return matching;
    }

    /** The tenants that failed; rerunning the fleet retries exactly these (and any not run). */
    public List<TenantResult> failed() {
        return inStatus(TenantResult.Status.FAILED);
    }

    /** The tenants to which this run applied something and that are now complete. */
    public List<TenantResult> migrated() {
        return inStatus(TenantResult.Status.MIGRATED);
    }

    /** The tenants that were already complete. */
    public List<TenantResult> upToDate() {
        return inStatus(TenantResult.Status.UP_TO_DATE);
    }

    /** The tenants never started, because the run stopped first. */
    public List<TenantResult> notRun() {
        return inStatus(TenantResult.Status.NOT_RUN);
    }

    /** The tenants where a batch time limit left a batched migration in progress; the next run resumes them. */
    public List<TenantResult> inProgress() {
        return inStatus(TenantResult.Status.IN_PROGRESS);
    }

    /** Whether every tenant is now complete: none failed, none left out, none with a batched migration in progress. */
    public boolean succeeded() {
        for (TenantResult tenant : tenants) {
            if (tenant.status() == TenantResult.Status.FAILED || tenant.status() == TenantResult.Status.NOT_RUN
                    || tenant.status() == TenantResult.Status.IN_PROGRESS) {
                return false;
            }
        }
        return true;
    }

    /** How many migrations the run applied, over all tenants. */
    public int appliedCount() {
        int count = 0;
        for (TenantResult tenant : tenants) {
            count += tenant.applied().size();
        }
        return count;
    }

    /** The run's wall time, listing schemas included. */
    public Duration duration() {
        return duration;
    }

    @Override
    public String toString() {
        return tenants.size() + " tenant(s): " + migrated().size() + " migrated, " + upToDate().size()
                + " up to date, " + failed().size() + " failed, " + notRun().size() + " not run, in "
                + duration.toMillis() + " ms";
    }
}
