package dev.cairn.processor.codegen;

import dev.cairn.processor.checksum.Checksums;
import dev.cairn.processor.model.MigrationModel;
import java.util.ArrayList;
import java.util.List;

/**
 * One digest of everything the runtime validates about the registry: each migration's version,
 * dependencies, class (for a SQL migration its script's path, and its undo script), flags
 * (transactional, reversible, batched) and checksum, in registry order, then the repeatable scripts'. The runtime stores it in the history
 * table once it has found the database fully applied and valid; at the next start, one history row
 * that still carries the same fingerprint proves nothing changed on either side, so the whole
 * history need not be read and compared. Any edit to a migration, a new migration, or any later
 * history event makes the comparison fail and the runtime falls back to the full check.
 *
 * <pre>{@code
 * String fingerprint = RegistryFingerprint.of(orderedMigrations); // "sha256:..."
 * }</pre>
 */
final class RegistryFingerprint {

    private RegistryFingerprint() {
    }

    static String of(List<MigrationModel> migrations) {
        return of(migrations, List.of());
    }

    /**
     * With the repeatable scripts after the migrations, each with its description, dependencies,
     * script and checksum, so that an edited repeatable script is not hidden by the verified
     * up-to-date start. Without repeatables, the same digest as {@link #of(List)}.
     */
    static String of(List<MigrationModel> migrations, List<MigrationModel> repeatables) {
        List<String> fields = new ArrayList<>(migrations.size() * 6);
        for (MigrationModel migration : migrations) {
            // As written (1.10); for whole numbers the same text as before versions had parts.
            fields.add(migration.version().toString());
            fields.add(migration.dependencyVersions().toString());
            fields.add(migration.binaryName());
            fields.add(migration.transactional() ? "transactional" : "non-transactional");
            fields.add(migration.reversible() ? "reversible" : "irreversible");
            fields.add(migration.checksum() == null ? "no-checksum" : migration.checksum());
            if (migration.batched()) {
                // Only for a batched migration, so that registries without one keep their fingerprint
                // (a database verified by an earlier build stays up to date). No version reads "batched".
                fields.add("batched");
            }
            if (migration.isSql()) {
                // binaryName() is already the script's path; the undo script is the runtime's too.
                fields.add("sql");
                fields.add(migration.sql().undoScript() == null ? "no-undo" : migration.sql().undoScript());
                fields.add(migration.sql().undoChecksum() == null ? "no-undo" : migration.sql().undoChecksum());
            }
        }
        for (MigrationModel repeatable : repeatables) {
            fields.add("repeatable");
            fields.add(repeatable.description());
            fields.add(repeatable.dependencyVersions().toString());
            fields.add(repeatable.binaryName());
            fields.add(repeatable.checksum() == null ? "no-checksum" : repeatable.checksum());
        }
        return Checksums.of(fields);
    }
}
