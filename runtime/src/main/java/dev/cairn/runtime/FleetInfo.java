package dev.cairn.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The result of {@link Fleet#info()}: where every tenant stands, and the fleet at a glance, how
 * many tenants are at each version and which need attention.
 *
 * <pre>{@code
 * FleetInfo info = fleet.info();
 * info.countByVersion().forEach((version, count) -> System.out.println(version + ": " + count));
 * info.failed().forEach(tenant -> System.out.println("attention: " + tenant));
 * }</pre>
 */
public final class FleetInfo {

    private final List<TenantInfo> tenants;

    FleetInfo(List<TenantInfo> tenants) {
        this.tenants = List.copyOf(tenants);
    }

    /** Every tenant, in the fleet's order. */
    public List<TenantInfo> tenants() {
        return tenants;
    }

    /** The tenant of that name, if it is in the fleet. */
    public Optional<TenantInfo> tenant(String name) {
        for (TenantInfo tenant : tenants) {
            if (tenant.tenant().equals(name)) {
                return Optional.of(tenant);
            }
        }
        return Optional.empty();
    }

    /** How many readable tenants stand at each version, lowest version first. */
    public SortedMap<MigrationVersion, Integer> countByVersion() {
        SortedMap<MigrationVersion, Integer> counts = new TreeMap<>();
        for (TenantInfo tenant : tenants) {
            tenant.version().ifPresent(version -> counts.merge(version, 1, Integer::sum));
        }
        return counts;
    }

    /** The readable tenants with nothing applied yet. */
    public List<TenantInfo> empty() {
        List<TenantInfo> matching = new ArrayList<>();
        for (TenantInfo tenant : tenants) {
            if (tenant.error().isEmpty() && tenant.version().isEmpty()) {
                matching.add(tenant);
            }
        }
        return matching;
    }

    /** The tenants with something pending (readable ones only). */
    public List<TenantInfo> behind() {
        List<TenantInfo> matching = new ArrayList<>();
        for (TenantInfo tenant : tenants) {
            if (tenant.error().isEmpty() && tenant.pending() > 0) {
                matching.add(tenant);
            }
        }
        return matching;
    }

    /** The tenants that could not be read or have a failed migration. */
    public List<TenantInfo> failed() {
        List<TenantInfo> matching = new ArrayList<>();
        for (TenantInfo tenant : tenants) {
            if (tenant.failed()) {
                matching.add(tenant);
            }
        }
        return matching;
    }

    @Override
    public String toString() {
        return tenants.size() + " tenant(s): by version " + countByVersion() + ", " + empty().size() + " empty, "
                + failed().size() + " failed";
    }
}
