package dev.cairn.cli;

import dev.cairn.runtime.CairnException;
import dev.cairn.runtime.DriverManagerDataSource;
import dev.cairn.runtime.ExecutedMigration;
import dev.cairn.runtime.Fleet;
import dev.cairn.runtime.FleetInfo;
import dev.cairn.runtime.FleetReport;
import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.TenantInfo;
import dev.cairn.runtime.TenantResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code migrate} and {@code info} over a fleet of tenants: {@code --tenants FILE} (one JDBC URL,
 * or {@code name=URL}, per line) and/or {@code --schemas PATTERN} (the schemas of the PostgreSQL
 * database given by {@code --url} whose whole name matches the regular expression). Migrating
 * shows a progress bar on a terminal and one line per tenant otherwise, then the failed tenants
 * with their errors; {@code info} counts the tenants at each version and lists the failed ones.
 * Both print JSON with {@code --json}. Exit status 1 when a tenant failed.
 */
final class FleetCommand {

    private FleetCommand() {
    }

    /** Whether the command line asks for a fleet. */
    static boolean requested(ParsedArguments arguments) {
        return arguments.value("--tenants").isPresent() || arguments.value("--schemas").isPresent();
    }

    static int migrate(Invocation invocation) {
        ParsedArguments arguments = invocation.arguments();
        for (String single : List.of("--target", "--dry-run", "--integrity-check")) {
            if (arguments.has(single) || arguments.value(single).isPresent()) {
                throw new UsageException(single + " works on one database, not with --tenants or --schemas; "
                        + "'info --tenants FILE' shows where each tenant stands.");
            }
        }
        PrintStream out = invocation.out();
        Fleet.Builder builder = builder(invocation);
        if (arguments.has("--fail-fast")) {
            builder.failFast(true);
        }
        if (!invocation.json()) {
            builder.listener(invocation.terminal().interactive()
                    ? new FleetProgress.Bar(out, System::nanoTime) : new FleetProgress.Lines(out));
        }
        FleetReport report = builder.build().migrate();
        if (invocation.json()) {
            out.println(reportJson(report));
        } else {
            out.println("Fleet of " + tenants(report.tenants().size()) + " in " + Formats.duration(report.duration())
                    + ": " + report.migrated().size() + " migrated (" + Formats.migrations(report.appliedCount())
                    + "), " + report.upToDate().size() + " up to date, " + report.failed().size() + " failed"
                    + (report.inProgress().isEmpty() ? "" : ", " + report.inProgress().size()
                            + " with a batched migration in progress (--batch-time-limit)")
                    + (report.notRun().isEmpty() ? "" : ", " + report.notRun().size() + " not run (--fail-fast)") + ".");
            if (!report.inProgress().isEmpty()) {
                out.println("In progress (their committed batches stay; run the same command again to resume them): "
                        + report.inProgress().stream().map(TenantResult::tenant).collect(
                                java.util.stream.Collectors.joining(", ")));
            }
            if (!report.failed().isEmpty()) {
                out.println("Failed (each keeps what it applied; run the same command again to retry only these):");
                for (TenantResult tenant : report.failed()) {
                    out.println("  " + tenant.tenant() + ": " + tenant.error().map(CairnException::getMessage).orElse(""));
                }
            }
        }
        if (report.succeeded()) {
            return Cli.EXIT_SUCCESS;
        }
        // Only backfills left in progress: not a failure, but not complete either.
        return report.failed().isEmpty() && report.notRun().isEmpty() ? Cli.EXIT_INCOMPLETE : Cli.EXIT_FAILURE;
    }

    static int info(Invocation invocation) {
        FleetInfo info = builder(invocation).build().info();
        PrintStream out = invocation.out();
        if (invocation.json()) {
            out.println(infoJson(info));
            return info.failed().isEmpty() ? Cli.EXIT_SUCCESS : Cli.EXIT_FAILURE;
        }
        out.println("Fleet of " + tenants(info.tenants().size()) + ":");
        TextTable table = new TextTable("Version", "Tenants");
        if (!info.empty().isEmpty()) {
            table.row("(none)", String.valueOf(info.empty().size()));
        }
        for (Map.Entry<MigrationVersion, Integer> entry : info.countByVersion().entrySet()) {
            table.row(entry.getKey().toString(), String.valueOf(entry.getValue()));
        }
        long unreadable = info.tenants().stream().filter(tenant -> tenant.error().isPresent()).count();
        if (unreadable > 0) {
            table.row("(unreadable)", String.valueOf(unreadable));
        }
        out.print(table.render());
        out.println(info.behind().size() + " with migrations pending, " + info.failed().size() + " failed.");
        if (!info.failed().isEmpty()) {
            out.println("Failed:");
            for (TenantInfo tenant : info.failed()) {
                out.println("  " + tenant.tenant() + ": " + tenant.error().map(CairnException::getMessage)
                        .orElse("migration " + tenant.failedMigrations() + " failed; 'migrate' retries it"));
            }
        }
        return info.failed().isEmpty() ? Cli.EXIT_SUCCESS : Cli.EXIT_FAILURE;
    }

    private static Fleet.Builder builder(Invocation invocation) {
        ParsedArguments arguments = invocation.arguments();
        Fleet.Builder builder = Fleet.builder(invocation.registry());
        String user = arguments.value("--user").orElse(null);
        String password = invocation.environment().get(DatabaseTarget.PASSWORD_VARIABLE);
        if (arguments.value("--tenants").isPresent()) {
            readTenants(invocation, invocation.path(arguments.value("--tenants").get()), builder, user, password);
        }
        if (arguments.value("--schemas").isPresent()) {
            DatabaseTarget database = invocation.database().orElseThrow(() -> new UsageException(
                    "--schemas needs the PostgreSQL database whose schemas are the tenants: add --url JDBC_URL."));
            if (!database.url().startsWith("jdbc:postgresql:")) {
                throw new UsageException("--schemas works on a PostgreSQL database, and " + database.displayUrl()
                        + " is not one; for SQLite files, list them with --tenants FILE.");
            }
            database.requireDriver();
            builder.schemasMatching(new DriverManagerDataSource(database.url(), database.user().orElse(null),
                    database.password().orElse(null)), pattern(arguments.value("--schemas").get()));
        }
        if (arguments.value("--parallelism").isPresent()) {
            builder.parallelism(positive("--parallelism", arguments.value("--parallelism").get()));
        }
        boolean outOfOrder = arguments.has("--out-of-order");
        BatchOptions batches = BatchOptions.of(arguments);
        return builder.configure(migrator -> batches.applyTo(Engine.placeholders(invocation, migrator), invocation.registry())
                .outOfOrder(outOfOrder));
    }

    /** One tenant per line: a JDBC URL, or {@code name=URL}; blank lines and {@code #} comments skipped. */
    private static void readTenants(Invocation invocation, Path file, Fleet.Builder builder, String user,
            String password) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageException("--tenants " + file + ": no such file. Give a file with one JDBC URL (or "
                    + "name=URL) per line.");
        } catch (IOException e) {
            throw new CliFailure("Could not read the tenants file " + file + ": " + e.getMessage());
        }
        int count = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String name;
            String url;
            if (line.startsWith("jdbc:")) {
                url = line;
                name = DatabaseTarget.redact(line);
            } else {
                int equals = line.indexOf('=');
                if (equals <= 0 || !line.startsWith("jdbc:", equals + 1)) {
                    throw new UsageException(file + " line " + (i + 1) + ": expected a JDBC URL or name=URL, not '"
                            + DatabaseTarget.redact(line) + "'.");
                }
                name = line.substring(0, equals).trim();
                url = line.substring(equals + 1).trim();
            }
            builder.tenant(name, url, user, password);
            count++;
        }
        if (count == 0) {
            throw new UsageException("--tenants " + file + " lists no tenant: give one JDBC URL (or name=URL) per line.");
        }
    }

    private static Pattern pattern(String text) {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new UsageException("--schemas '" + text + "' is not a regular expression: " + e.getDescription()
                    + ". Example: --schemas 'tenant_.*'.");
        }
    }

    private static int positive(String option, String text) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " expects a whole number of at least 1, not '" + text + "'.");
    }

    private static String tenants(int count) {
        return count == 1 ? "1 tenant" : count + " tenants";
    }

    static String reportJson(FleetReport report) {
        JsonWriter json = new JsonWriter().beginObject()
                .field("tenantCount", report.tenants().size())
                .field("migrated", report.migrated().size())
                .field("upToDate", report.upToDate().size())
                .field("failed", report.failed().size())
                .field("notRun", report.notRun().size())
                .field("inProgress", report.inProgress().size())
                .field("appliedCount", report.appliedCount())
                .field("durationMillis", report.duration().toMillis())
                .field("succeeded", report.succeeded());
        json.name("tenants").beginArray();
        for (TenantResult tenant : report.tenants()) {
            json.beginObject().field("tenant", tenant.tenant()).field("status", tenant.status().name())
                    .field("durationMillis", tenant.duration().toMillis());
            json.name("applied").beginArray();
            for (ExecutedMigration applied : tenant.applied()) {
                json.value(Formats.version(applied.migration()));
            }
            json.endArray();
            json.field("error", tenant.error().map(CairnException::getMessage).orElse(null));
            json.endObject();
        }
        json.endArray();
        return json.endObject().toString();
    }

    static String infoJson(FleetInfo info) {
        JsonWriter json = new JsonWriter().beginObject().field("tenantCount", info.tenants().size())
                .field("empty", info.empty().size())
                .field("failed", info.failed().size());
        json.name("versions").beginArray();
        for (Map.Entry<MigrationVersion, Integer> entry : info.countByVersion().entrySet()) {
            json.beginObject().field("version", entry.getKey()).field("tenants", entry.getValue()).endObject();
        }
        json.endArray();
        json.name("tenants").beginArray();
        for (TenantInfo tenant : info.tenants()) {
            json.beginObject().field("tenant", tenant.tenant());
            if (tenant.version().isPresent()) {
                json.field("version", tenant.version().get());
            } else {
                json.name("version").nullValue();
            }
            json.field("pending", tenant.pending());
            json.name("failedMigrations").beginArray();
            for (MigrationVersion version : tenant.failedMigrations()) {
                json.value(version);
            }
            json.endArray();
            json.field("error", tenant.error().map(CairnException::getMessage).orElse(null));
            json.endObject();
        }
        json.endArray();
        return json.endObject().toString();
    }
}
