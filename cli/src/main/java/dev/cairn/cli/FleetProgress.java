package dev.cairn.cli;

import dev.cairn.runtime.Fleet;
import dev.cairn.runtime.TenantResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * How {@code migrate --tenants/--schemas} shows its progress: a bar redrawn in place on a terminal
 * (tenants done of total, rate, time left, failures so far), or one plain line per tenant for logs
 * and CI, where a redrawn line would be noise.
 */
final class FleetProgress {

    private FleetProgress() {
    }

    /** One line per tenant: {@code [17/200] acme  migrated 3 migrations (41 ms)}. */
    static final class Lines implements Fleet.Listener {
        private final PrintStream out;

        Lines(PrintStream out) {
            this.out = out;
        }

        @Override
        public void tenantFinished(TenantResult tenant, int finished, int total) {
            String width = String.valueOf(total);
            String count = " ".repeat(width.length() - String.valueOf(finished).length()) + finished;
            out.println("[" + count + "/" + total + "] " + tenant.tenant() + "  " + outcome(tenant) + " ("
                    + Formats.duration(tenant.duration()) + ")");
            out.flush();
        }
    }

    /** {@code [#########...........] 95/200 tenants  31.7/s  0:03 left  1 failed}, redrawn with a carriage return. */
    static final class Bar implements Fleet.Listener {
        private final ProgressBar bar;
        private final LongSupplier nanoTime;
        private long start;
        private int failed;

        Bar(PrintStream out, LongSupplier nanoTime) {
            this.bar = new ProgressBar(out);
            this.nanoTime = nanoTime;
        }

        @Override
        public void started(int tenants) {
            start = nanoTime.getAsLong();
        }

        @Override
        public void tenantFinished(TenantResult tenant, int finished, int total) {
            if (tenant.failed()) {
                failed++;
            }
            bar.draw(line(finished, total, Duration.ofNanos(nanoTime.getAsLong() - start), failed));
            if (finished == total) {
                bar.end();
            }
        }

        static String line(int finished, int total, Duration elapsed, int failed) {
            double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-3);
            double rate = finished / seconds;
            String left = rate <= 0 ? "?" : ProgressBar.clock(Math.round((total - finished) / rate));
            return ProgressBar.bar(finished, total) + " " + finished + "/" + total + " tenants  "
                    + String.format(Locale.ROOT, "%.1f/s", rate) + "  " + left + " left"
                    + (failed == 0 ? "" : "  " + failed + " failed") + "   ";
        }
    }

    static String outcome(TenantResult tenant) {
        switch (tenant.status()) {
            case MIGRATED:
                return "migrated " + Formats.migrations(tenant.applied().size());
            case UP_TO_DATE:
                return "up to date";
            case FAILED:
                return "FAILED" + (tenant.applied().isEmpty() ? "" : " after " + Formats.migrations(tenant.applied().size()))
                        + ": " + tenant.error().map(Throwable::getMessage).orElse("");
            case IN_PROGRESS:
                return "in progress (batch time limit)" + (tenant.applied().isEmpty() ? ""
                        : " after " + Formats.migrations(tenant.applied().size())) + ": run again to resume";
            default:
                return "not run";
        }
    }
}
