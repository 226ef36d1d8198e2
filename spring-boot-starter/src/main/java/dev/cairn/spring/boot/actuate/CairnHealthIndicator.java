package dev.cairn.spring.boot.actuate;

import dev.cairn.runtime.InfoReport;
import dev.cairn.runtime.MigrationInfo;
import dev.cairn.runtime.MigrationState;
import dev.cairn.runtime.Migrator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code cairn} health indicator: DOWN while a migration is recorded as failed (it waits for a fix
 * and {@code repair}), UP otherwise; the details list pending and failed migrations either way, so a
 * database behind the application (a {@code cairn.target}, a migration job that has not run) shows.
 *
 * <pre>{@code
 * $ curl localhost:8080/actuator/health/cairn
 * {"status":"UP","details":{"migrations":3,"pending":[],"failed":[]}}
 * }</pre>
 */
public class CairnHealthIndicator extends AbstractHealthIndicator {

    private final Migrator migrator;

    public CairnHealthIndicator(Migrator migrator) {
        super("Cairn health check failed");
        this.migrator = migrator;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        InfoReport info = migrator.info();
        List<MigrationInfo> failed = info.inState(MigrationState.FAILED);
        builder.status(failed.isEmpty() ? Status.UP
                : Status.DOWN);
        builder.withDetail("migrations", info.migrations().size());
        builder.withDetail("pending", names(info.pending()));
        builder.withDetail("failed", names(failed));
    }

    private static List<String> names(List<MigrationInfo> migrations) {
        return migrations.stream().map(m -> String.valueOf(m.version()) + " (" + m.description() + ")")
                .collect(Collectors.toList());
    }
}
