package dev.cairn.runtime.generated;

import dev.cairn.runtime.JavaMigration;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.internal.ApiValues;
import dev.cairn.runtime.internal.sql.SqlScriptMigration;




/**
 * What the generated {@code MigrationRegistry} calls to describe and create its migrations, and
 * nothing else does: application code reads {@link MigrationDescriptor}s from
 * {@code MigrationRegistry.INSTANCE.migrations()} and never builds them. Kept in a package of its own
 * so that the API applications use ({@code dev.cairn.runtime}) shows no constructor they must not call.
 *
 * <pre>{@code
 * // inside a generated registry
 * MigrationDescriptor d = GeneratedMigrations.javaMigration(2, "Add user email", new long[] {1},
 *         "com.example.db.AddUserEmail", true, true, "sha256:3d11...", factory, 1);
 * JavaMigration m = GeneratedMigrations.sqlScript(scripts, "db/migration/V3__add_index.sql",
 *         "sha256:9f86...", null, null);   // scripts: the registry's ScriptResources
 * }</pre>
 */
public final class GeneratedMigrations {

    private GeneratedMigrations() {
    }

    /**
     * Describes a Java migration.
     *
     * @param checksum the compile-time checksum of the migration's source, or {@code null} when the
     *     compiler offered no access to the source
     * @param factory creates the migration: {@code factory.create(index)}
     * @param index this migration's position in its registry, passed to {@code factory}
     */
    public static MigrationDescriptor javaMigration(long version, String description, long[] dependsOn,
            String className, boolean transactional, boolean reversible, String checksum, MigrationFactory factory,
            int index) {
        return ApiValues.get().javaDescriptor(MigrationVersion.of(version), description, versions(dependsOn),
                className, transactional, reversible, checksum, factory, index);
    }

    /**
     * Describes a SQL script migration. Its {@link MigrationDescriptor#className()} is the script path,
     * so that every message naming a migration's class names the script.
     *
     * @param script the script's class-path resource name, without a leading {@code /}
     * @param reversible whether the migration has an undo script
     * @param checksum the checksum of the normalised up script at compile time
     * @param factory creates the script migration ({@link #sqlScript}): {@code factory.create(index)}
     */
    public static MigrationDescriptor sqlMigration(long version, String description, long[] dependsOn, String script,
            boolean transactional, boolean reversible, String checksum, MigrationFactory factory, int index) {
        if (script == null) {
            throw new NullPointerException("script");
        }
        return ApiValues.get().sqlDescriptor(MigrationVersion.of(version), description, versions(dependsOn), script,
                transactional, reversible, checksum, factory, index);
    }

    /**
     * Describes a Java migration whose version, or one of whose dependencies, has parts
     * ({@code 1.10}): the versions as {@link dev.cairn.runtime.MigrationVersion#parse} reads them.
     */
    public static MigrationDescriptor javaMigration(String version, String description, String[] dependsOn,
            String className, boolean transactional, boolean reversible, String checksum, MigrationFactory factory,
            int index) {
        return ApiValues.get().javaDescriptor(MigrationVersion.parse(version), description, versions(dependsOn),
                className, transactional, reversible, checksum, factory, index);
    }

    /**
     * Describes a SQL script migration whose version, or one of whose dependencies, has parts
     * ({@code V1_10__x.sql}): the versions as {@link dev.cairn.runtime.MigrationVersion#parse} reads them.
     */
    public static MigrationDescriptor sqlMigration(String version, String description, String[] dependsOn,
            String script, boolean transactional, boolean reversible, String checksum, MigrationFactory factory,
            int index) {
        if (script == null) {
            throw new NullPointerException("script");
        }
        return ApiValues.get().sqlDescriptor(MigrationVersion.parse(version), description, versions(dependsOn), script,
                transactional, reversible, checksum, factory, index);
    }

    /**
     * Describes a Java migration that implements {@link dev.cairn.runtime.BatchedMigration}: run
     * batch by batch, each committed with a checkpoint. Always transactional (each batch is).
     */
    public static MigrationDescriptor batchedJavaMigration(String version, String description, String[] dependsOn,
            String className, boolean reversible, String checksum, MigrationFactory factory, int index) {
        return ApiValues.get().batchedDescriptor(MigrationVersion.parse(version), description, versions(dependsOn),
                className, reversible, checksum, factory, index);
    }

    /**
     * Describes a repeatable SQL script migration ({@code R__create_views.sql}): applied after the
     * versions it depends on, and again whenever its checksum changes; always in a transaction.
     *
     * @param description its name, from the file name: the identity its history rows carry
     * @param dependsOn the versions it needs applied first (without a header: the graph's heads)
     * @param checksum the checksum of the normalised script at compile time
     */
    public static MigrationDescriptor repeatableSqlMigration(String description, String[] dependsOn, String script,
            String checksum, MigrationFactory factory, int index) {
        if (script == null) {
            throw new NullPointerException("script");
        }
        return ApiValues.get().repeatableSqlDescriptor(description, versions(dependsOn), script, checksum, factory,
                index);
    }

    private static MigrationVersion[] versions(long[] numbers) {
        MigrationVersion[] versions = new MigrationVersion[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            versions[i] = MigrationVersion.of(numbers[i]);
        }
        return versions;
    }

    private static MigrationVersion[] versions(String[] texts) {
        MigrationVersion[] versions = new MigrationVersion[texts.length];
        for (int i = 0; i < texts.length; i++) {
            versions[i] = MigrationVersion.parse(texts[i]);
        }
        return versions;
    }

    /**
     * The migration that runs a SQL script of the application: loaded, checked against its
     * compile-time checksum and split only when it is about to run.
     *
     * @param scripts opens the application's scripts; implemented by the generated registry, since in a
     *     named module only the application's classes can read its resources
     * @param script the up script's resource name, without a leading {@code /}
     * @param checksum the up script's compile-time checksum
     * @param undoScript the undo script's resource name, or {@code null} when the migration has none
     * @param undoChecksum the undo script's compile-time checksum, or {@code null}
     */
    public static JavaMigration sqlScript(ScriptResources scripts, String script, String checksum, String undoScript,
            String undoChecksum) {
        return new SqlScriptMigration(scripts, script, checksum, undoScript, undoChecksum);
    }

    /**
     * {@link #sqlScript(ScriptResources, String, String, String, String)} with each script's
     * compile-time stamp: its size in the high 32 bits and the CRC-32 of its bytes as read (before
     * decoding) in the low 32, or {@code -1} for none. The stale-registry check then compares it with
     * what a jar's central directory records, or with the CRC-32 of a class-path file, and reads and
     * checksums only a script whose stamp differs. Registries generated before stamps call the
     * overload without them, and their scripts are read and checksummed on every check.
     *
     * @param stamp the up script's stamp, or {@code -1}
     * @param undoStamp the undo script's stamp, or {@code -1} (and when there is no undo script)
     */
    public static JavaMigration sqlScript(ScriptResources scripts, String script, String checksum, String undoScript,
            String undoChecksum, long stamp, long undoStamp) {
        return new SqlScriptMigration(scripts, script, checksum, undoScript, undoChecksum, stamp, undoStamp);
    }
}
