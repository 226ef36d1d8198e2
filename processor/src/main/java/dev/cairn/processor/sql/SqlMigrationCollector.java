package dev.cairn.processor.sql;

import dev.cairn.processor.diagnostic.Code;
import dev.cairn.processor.diagnostic.DiagnosticReport;
import dev.cairn.processor.model.Dependency;
import dev.cairn.processor.model.MigrationAnnotation;
import dev.cairn.processor.model.MigrationModel;
import dev.cairn.processor.model.SqlSource;
import dev.cairn.processor.model.Version;
import dev.cairn.processor.model.VersionAttributes;
import dev.cairn.runtime.MigrationVersion;
import dev.cairn.runtime.internal.sql.ScriptDialect;
import dev.cairn.runtime.internal.sql.SqlScript;
import dev.cairn.runtime.SqlScriptException;
import dev.cairn.runtime.SqlStatement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.Filer;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Reads the SQL migrations of a compilation into {@link MigrationModel}s, from
 * {@code @SqlMigration} (one script each) and {@code @SqlMigrationDirectory} (every script of a
 * folder), and checks each script on the way: found, UTF-8, every quote and comment terminated,
 * at least one statement, no transaction control. Problems are reported on the annotation that
 * declares the script, with {@code <script>:<line>} in the message when a line is known. A script
 * with a problem still joins the graph, so that migrations depending on it get no misleading
 * "unknown dependency" error; the report's error stops generation anyway.
 *
 * <pre>{@code
 * SqlMigrationCollector collector = new SqlMigrationCollector(elements, filer, options);
 * List<MigrationModel> scripts = collector.collect(annotatedElements, report);
 * }</pre>
 */
public final class SqlMigrationCollector {

    public static final String SQL_MIGRATION = "dev.cairn.SqlMigration";
    public static final String SQL_MIGRATIONS = "dev.cairn.SqlMigrations";
    public static final String DIRECTORY = "dev.cairn.SqlMigrationDirectory";
    /** Every annotation that declares SQL migrations on a type or package. */
    public static final List<String> ANNOTATIONS = List.of(SQL_MIGRATION, SQL_MIGRATIONS, DIRECTORY);
    /** The processor option naming extra resource directories. */
    public static final String RESOURCE_DIRS_OPTION = ResourceFinder.OPTION;

    private final Elements elements;
    private final ResourceFinder finder;
    /** The folders listed by the last {@link #collect}: the registry tells the runtime to watch them. */
    private final Set<String> folders = new TreeSet<>();
    /** The repeatable scripts found by the last {@link #collect}, in the order found. */
    private final List<MigrationModel> repeatables = new ArrayList<>();
    /** Those of {@link #repeatables} without a {@code -- depends-on:} header, by script. */
    private final Set<String> onHeads = new TreeSet<>();
    /**
     * The runtime's {@code SqlScript.stamp} (size and CRC-32) of each script's bytes as read, before
     * decoding: generated beside the checksum so that the stale-registry check can accept a
     * byte-identical script from a jar's central directory or a file's CRC-32 alone.
     */
    private final Map<String, Long> stamps = new HashMap<>();

    public SqlMigrationCollector(Elements elements, Filer filer, Map<String, String> options) {
        this.elements = elements;
        this.finder = new ResourceFinder(filer, ResourceFinder.parseDirs(options.get(RESOURCE_DIRS_OPTION)));
    }

    /** Where a problem is reported: an element, its annotation, and the value in it. */
    private static final class Place {
        final Element element;
        final AnnotationMirror annotation;
        final AnnotationValue value;

        Place(Element element, AnnotationMirror annotation, AnnotationValue value) {
            this.element = element;
            this.annotation = annotation;
            this.value = value;
        }

        void error(DiagnosticReport report, Code code, String message) {
            report.error(code, message, element, annotation, value);
        }

        void warning(DiagnosticReport report, Code code, String message) {
            report.warning(code, message, element, annotation, value);
        }
    }

    /** Every SQL migration declared on {@code declarers}, each a type or package. */
    public List<MigrationModel> collect(List<? extends Element> declarers, DiagnosticReport report) {
        folders.clear();
        repeatables.clear();
        onHeads.clear();
        List<MigrationModel> migrations = new ArrayList<>();
        for (Element element : declarers) {
            for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
                String name = ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
                if (name.equals(SQL_MIGRATION)) {
                    addIfPresent(migrations, collectScript(element, mirror, report));
                } else if (name.equals(SQL_MIGRATIONS)) {
                    AnnotationValue container = MigrationAnnotation.explicitValue(mirror, "value");
                    if (container != null && container.getValue() instanceof List) {
                        for (Object entry : (List<?>) container.getValue()) {
                            Object nested = ((AnnotationValue) entry).getValue();
                            if (nested instanceof AnnotationMirror) {
                                addIfPresent(migrations, collectScript(element, (AnnotationMirror) nested, report));
                            }
                        }
                    }
                } else if (name.equals(DIRECTORY)) {
                    migrations.addAll(collectFolder(element, mirror, report));
                }
            }
        }
        reportScriptsDeclaredTwice(migrations, report);
        reportRepeatablesNamedAlike(repeatables, report);
        return migrations;
    }

    /**
     * The repeatable scripts ({@code R__name.sql}) of the folders the last {@link #collect} listed,
     * ordered by description as Flyway orders them, each depending on the versions of its
     * {@code -- depends-on:} header, or without one on {@code heads}: the migrations nothing depends
     * on, so that it runs after every versioned migration.
     *
     * @param heads the versions of the graph's heads, in version order
     */
    public List<MigrationModel> repeatables(List<Version> heads) {
        List<MigrationModel> resolved = new ArrayList<>();
        for (MigrationModel repeatable : repeatables) {
            if (!onHeads.contains(repeatable.sql().script())) {
                resolved.add(repeatable);
                continue;
            }
            List<Dependency> dependencies = new ArrayList<>();
            for (Version head : heads) {
                dependencies.add(new Dependency(head, repeatable.sql().declaredAt(), "the rule for repeatable scripts"
                        + " without a '-- depends-on:' header (they run after every migration nothing depends on)"));
            }
            resolved.add(repeatable.withDependencies(dependencies));
        }
        resolved.sort(Comparator.comparing(MigrationModel::description)
                .thenComparing(repeatable -> repeatable.sql().script()));
        return resolved;
    }

    /**
     * Two repeatable scripts with one description (in two folders) would share one identity in the
     * history, each applied over the other: an error on the second, naming both files.
     */
    private static void reportRepeatablesNamedAlike(List<MigrationModel> repeatables, DiagnosticReport report) {
        Map<String, MigrationModel> byDescription = new TreeMap<>();
        for (MigrationModel repeatable : repeatables) {
            MigrationModel first = byDescription.putIfAbsent(repeatable.description(), repeatable);
            if (first != null && first.sql().script().equals(repeatable.sql().script())) {
                report.error(Code.SQL_DUPLICATE_SCRIPT, "the repeatable script " + repeatable.sql().script()
                        + " is declared twice (by two folder annotations), so it would run twice. Remove the"
                        + " repeated folder annotation.", repeatable.element(), repeatable.annotation(),
                        repeatable.sql().declaredAt());
            } else if (first != null) {
                report.error(Code.SQL_DUPLICATE_REPEATABLE, "the repeatable scripts " + first.sql().script()
                        + " and " + repeatable.sql().script() + " have the same description '"
                        + repeatable.description() + "', which is a repeatable migration's identity in the"
                        + " history, so each would be taken for the other. Rename one of them.",
                        repeatable.element(), repeatable.annotation(), repeatable.sql().declaredAt());
            }
        }
    }

    /**
     * The {@code @SqlMigrationDirectory} folders the last {@link #collect} listed, as resource names
     * ({@code db/migration}), sorted: at start-up the runtime lists them again and refuses a registry
     * that does not know a script found there.
     */
    public Set<String> folders() {
        return Collections.unmodifiableSet(new TreeSet<>(folders));
    }

    /**
     * One script, two migrations (a folder and an {@code @SqlMigration}, or two folder
     * annotations): it would run twice, so each declaration gets an error naming the others.
     */
    private static void reportScriptsDeclaredTwice(List<MigrationModel> migrations, DiagnosticReport report) {
        Map<String, List<MigrationModel>> byScript = new TreeMap<>();
        for (MigrationModel migration : migrations) {
            byScript.computeIfAbsent(migration.sql().script(), s -> new ArrayList<>()).add(migration);
        }
        for (List<MigrationModel> same : byScript.values()) {
            if (same.size() < 2) {
                continue;
            }
            List<String> versions = new ArrayList<>();
            for (MigrationModel migration : same) {
                versions.add(migration.version() == null ? "none" : migration.version().toString());
            }
            for (MigrationModel migration : same) {
                report.error(Code.SQL_DUPLICATE_SCRIPT, "the SQL script " + migration.sql().script() + " is declared "
                        + same.size() + " times (versions " + String.join(", ", versions) + "), so it would run more"
                        + " than once. Declare each script once: remove the @SqlMigration of a script that a"
                        + " @SqlMigrationDirectory already reads, or the repeated folder annotation.",
                        migration.element(), migration.annotation(), migration.sql().declaredAt());
            }
        }
    }

    private static void addIfPresent(List<MigrationModel> migrations, MigrationModel migration) {
        if (migration != null) {
            migrations.add(migration);
        }
    }

    private MigrationModel collectScript(Element element, AnnotationMirror mirror, DiagnosticReport report) {
        AnnotationValue scriptValue = MigrationAnnotation.explicitValue(mirror, "script");
        if (scriptValue == null || !(scriptValue.getValue() instanceof String)) {
            return null; // javac reports the missing or malformed value itself
        }
        Place place = new Place(element, mirror, scriptValue);
        String script = resourceName((String) scriptValue.getValue());
        String who = "@SqlMigration(script = \"" + script + "\")";
        Version version = VersionAttributes.version(element, mirror, who, report);
        AnnotationValue versionValue = VersionAttributes.versionValue(mirror);
        AnnotationValue dependsOnValue = VersionAttributes.dependsOnValue(mirror);
        List<Dependency> dependencies = VersionAttributes.dependencies(element, mirror, who, report);
        AnnotationValue descriptionValue = MigrationAnnotation.explicitValue(mirror, "description");
        String description = descriptionValue != null && descriptionValue.getValue() instanceof String
                ? ((String) descriptionValue.getValue()).trim() : "";
        if (description.isEmpty()) {
            description = ScriptName.describe(fileName(script));
        }
        AnnotationValue transactionalValue = MigrationAnnotation.explicitValue(mirror, "transactional");
        boolean transactional = transactionalValue == null || Boolean.TRUE.equals(transactionalValue.getValue());

        String text = script.isEmpty() ? null : load(script, "script", place, report, true);
        if (script.isEmpty()) {
            String shown = version == null ? "3" : version.toString();
            place.error(report, Code.SQL_SCRIPT_NOT_FOUND, "@SqlMigration" + (version == null ? "" : " version "
                    + version) + " names no script. Give the script's resource name, e.g."
                    + " script = \"db/migration/V" + shown + "__add_index.sql\".");
        }
        AnnotationValue undoValue = MigrationAnnotation.explicitValue(mirror, "undo");
        String undo = undoValue != null && undoValue.getValue() instanceof String
                ? resourceName((String) undoValue.getValue()) : "";
        String undoText = null;
        if (!undo.isEmpty()) {
            undoText = load(undo, "undo script", new Place(element, mirror, undoValue), report, true);
        } else if (ScriptName.undoFor(fileName(script)) != null) {
            // By convention: U3__add_index.sql beside V3__add_index.sql, if it exists.
            String conventional = folderOf(script) + ScriptName.undoFor(fileName(script));
            undoText = load(conventional, "undo script", place, report, false);
            if (undoText != null) {
                undo = conventional;
            }
        }
        if (text != null) {
            warnAboutIgnoredHeader(script, text, place, report);
        }
        if (transactional) {
            String advice = "Declare it with transactional = false in its @SqlMigration" + OUTSIDE;
            refuseStatementsOutsideTransactions(script, text, advice, place, report);
            refuseStatementsOutsideTransactions(undo, undoText, advice, place, report);
        }
        SqlSource source = source(script, text, undo.isEmpty() ? null : undo, undoText, place);
        return MigrationModel.sql(element, packageOf(element), mirror, source, version,
                versionValue, dependencies, dependsOnValue, description, transactional);
    }

    /**
     * Every script of one {@code @SqlMigrationDirectory} folder, in three steps that each do one
     * thing: list the folder, classify its files by name, build a migration of each script.
     */
    private List<MigrationModel> collectFolder(Element element, AnnotationMirror mirror, DiagnosticReport report) {
        AnnotationValue folderValue = MigrationAnnotation.explicitValue(mirror, "value");
        if (folderValue == null || !(folderValue.getValue() instanceof String)) {
            return List.of(); // javac reports the missing or malformed value itself
        }
        Place place = new Place(element, mirror, folderValue);
        Folder folder = listFolder(folderName((String) folderValue.getValue()), place, report);
        if (folder == null) {
            return List.of();
        }
        folders.add(folder.name);
        return buildFolderMigrations(folder, classify(folder, place, report), place, report);
    }

    /** A listed folder: its resource name (e.g. {@code db/migration}), where it was found, its entries. */
    private static final class Folder {
        final String name;
        final Path directory;
        final List<Path> entries;

        Folder(String name, Path directory, List<Path> entries) {
            this.name = name;
            this.directory = directory;
            this.entries = entries;
        }
    }

    /** The files of a folder that take part: scripts by version (several on a clash), undo scripts by version. */
    private static final class FolderScripts {
        final TreeMap<MigrationVersion, List<Path>> scripts = new TreeMap<>();
        final TreeMap<MigrationVersion, Path> undos = new TreeMap<>();
        /** Repeatable scripts, by file name. */
        final List<Path> repeatables = new ArrayList<>();
    }

    /** A folder's resource name as written, without leading or trailing slashes. */
    private static String folderName(String written) {
        String folder = resourceName(written);
        while (folder.endsWith("/")) {
            folder = folder.substring(0, folder.length() - 1);
        }
        return folder;
    }

    /**
     * Step 1: the folder's entries, sorted by file name, because file systems list them in any
     * order and the diagnostics and the generated registry must not depend on it. Null after
     * reporting a folder that is missing or cannot be listed.
     */
    private Folder listFolder(String folder, Place place, DiagnosticReport report) {
        ResourceFinder.Listing listing = finder.list(folder);
        if (listing.directory == null) {
            if (listing.unlistable != null) {
                place.error(report, Code.SQL_DIRECTORY_NOT_LISTABLE, "the SQL migration folder " + folder
                        + " was found in " + listing.unlistable + ", but the compiler offers no way to list"
                        + " the files there. Declare each script with @SqlMigration, or pass the folder's"
                        + " parent directory with -A" + ResourceFinder.OPTION + "=src/main/resources.");
            } else {
                place.error(report, Code.SQL_DIRECTORY_NOT_FOUND, "the SQL migration folder " + folder
                        + " was not found. Searched " + finder.searched() + ". Check the name (a class-path"
                        + " resource folder such as db/migration for src/main/resources/db/migration), or pass"
                        + " the resource root with -A" + ResourceFinder.OPTION + "=src/main/resources.");
            }
            return null;
        }
        List<Path> entries;
        try {
            entries = ResourceFinder.entries(listing.directory);
        } catch (IOException e) {
            place.error(report, Code.SQL_DIRECTORY_NOT_LISTABLE, "the SQL migration folder " + folder + " ("
                    + listing.directory + ") could not be listed: " + e + ". Check its permissions.");
            return null;
        }
        entries.sort(Comparator.comparing(path -> path.getFileName().toString()));
        return new Folder(folder, listing.directory, entries);
    }

    /**
     * Step 2: what each file is, by its name alone, before any is read. Versioned and undo scripts
     * are kept. A near miss ({@code V3_add.sql}) is an error: the user meant a script, and it would
     * silently never run. Any other file, and a subfolder, is a warning: it may be there on purpose,
     * but it is not read.
     */
    private static FolderScripts classify(Folder folder, Place place, DiagnosticReport report) {
        FolderScripts files = new FolderScripts();
        boolean nearMisses = false;
        for (Path entry : folder.entries) {
            String fileName = entry.getFileName().toString();
            String resource = folder.name + "/" + fileName;
            if (fileName.startsWith(".")) {
                continue; // .gitkeep and editor files
            }
            if (Files.isDirectory(entry)) {
                place.warning(report, Code.SQL_IGNORED_FILE, "the subfolder " + resource + " of SQL migration"
                        + " folder " + folder.name + " is not read: scripts must be directly in the folder. Move"
                        + " them up, or declare the subfolder with its own @SqlMigrationDirectory.");
                continue;
            }
            ScriptName name = ScriptName.parse(fileName);
            switch (name.kind()) {
                case MIGRATION:
                    files.scripts.computeIfAbsent(name.version(), v -> new ArrayList<>()).add(entry);
                    break;
                case UNDO:
                    if (files.undos.containsKey(name.version())) {
                        place.error(report, Code.SQL_SCRIPT_NAME, "the SQL migration folder " + folder.name
                                + " has two undo scripts for version " + name.version() + ": "
                                + files.undos.get(name.version()).getFileName() + " and " + fileName
                                + ". Keep one.");
                    } else {
                        files.undos.put(name.version(), entry);
                    }
                    break;
                case REPEATABLE:
                    files.repeatables.add(entry);
                    break;
                case NEAR_MISS:
                    nearMisses = true;
                    if (Character.toUpperCase(fileName.charAt(0)) == 'R') {
                        place.error(report, Code.SQL_SCRIPT_NAME, resource + " looks like a repeatable script, but "
                                + name.problem() + ", so it would be ignored. Rename it to R__<description>.sql.");
                        break;
                    }
                    place.error(report, Code.SQL_SCRIPT_NAME, resource + " looks like a migration script,"
                            + " but " + name.problem() + ", so it would be ignored. Rename it to"
                            + " V<version>__<description>.sql (or <version>_<description>.sql;"
                            + " U<version>__<description>.sql for an undo script).");
                    break;
                default:
                    place.warning(report, Code.SQL_IGNORED_FILE, resource + " in SQL migration folder "
                            + folder.name + " is ignored: it is not named V<version>__<description>.sql,"
                            + " <version>_<description>.sql, U<version>__<description>.sql or"
                            + " R__<description>.sql. Rename it if it is a migration, or move it out of the folder.");
                    break;
            }
        }
        // Beside an error for a misnamed script, "contains no migration scripts" would only mislead.
        if (files.scripts.isEmpty() && files.undos.isEmpty() && files.repeatables.isEmpty() && !nearMisses) {
            place.warning(report, Code.SQL_IGNORED_FILE, "the SQL migration folder " + folder.name + " ("
                    + folder.directory + ") contains no migration scripts.");
        }
        return files;
    }

    /**
     * Step 3: a migration of each script, in version order, each with the undo script of its
     * version. An undo script left without a script is an error: it names a version that does not
     * exist, so it could never run.
     */
    private List<MigrationModel> buildFolderMigrations(
            Folder folder, FolderScripts files, Place place, DiagnosticReport report) {
        String who = "@SqlMigrationDirectory(\"" + folder.name + "\")";
        List<Dependency> folderDependencies = VersionAttributes.dependencies(place.element, place.annotation, who,
                report);
        AnnotationValue dependsOnValue = VersionAttributes.dependsOnValue(place.annotation);
        TreeMap<MigrationVersion, Path> unpairedUndos = new TreeMap<>(files.undos);
        List<MigrationModel> migrations = new ArrayList<>();
        MigrationVersion previous = null;
        // In version order, part by part: 1.9 before 1.10 (a TreeMap of MigrationVersion).
        for (Map.Entry<MigrationVersion, List<Path>> sameVersion : files.scripts.entrySet()) {
            for (Path file : sameVersion.getValue()) {
                // Of two scripts with one version (a duplicate the graph rules report, also V1 and
                // V1.0), the first takes the undo; each keeps its version as written.
                Path undoFile = unpairedUndos.remove(sameVersion.getKey());
                MigrationVersion version = ScriptName.parse(file.getFileName().toString()).version();
                migrations.add(folderMigration(folder, file, version, previous, undoFile, folderDependencies,
                        dependsOnValue, place, report));
            }
            previous = sameVersion.getKey();
        }
        for (Path orphan : unpairedUndos.values()) {
            place.error(report, Code.SQL_UNDO_WITHOUT_SCRIPT, "the undo script " + folder.name + "/"
                    + orphan.getFileName() + " has no migration script with its version in " + folder.name
                    + ". Rename it to match its migration's version, or remove it.");
        }
        for (Path file : files.repeatables) {
            MigrationModel repeatable = folderRepeatable(folder, file, place, report);
            repeatables.add(repeatable);
        }
        return migrations;
    }

    /**
     * A repeatable script of a folder ({@code R__shop_window.sql}), checked like a versioned one. Its
     * {@code -- depends-on:} header lists the versions it needs; without one it is recorded in
     * {@link #onHeads} and depends on the graph's heads once the graph is known. It always runs in a
     * transaction: {@code -- transactional: false}, and statements refused in one, are errors.
     */
    private MigrationModel folderRepeatable(Folder folder, Path file, Place place, DiagnosticReport report) {
        String fileName = file.getFileName().toString();
        String script = folder.name + "/" + fileName;
        String text = checkText(script, "script", readFile(file, script, place, report), place, report);
        ScriptHeader header = text == null ? null : ScriptHeader.parse(script, text);
        List<Dependency> dependencies = null;
        if (header != null) {
            for (String problem : header.problems()) {
                place.error(report, Code.SQL_HEADER, problem);
            }
            if (Boolean.FALSE.equals(header.transactional())) {
                place.error(report, Code.SQL_HEADER, script + ":" + header.transactionalLine() + ": a repeatable"
                        + " script always runs in a transaction, together with its history row, so it cannot be"
                        + " '-- transactional: false'. Remove the header, and move any statement that cannot run in"
                        + " a transaction into a versioned script with '-- transactional: false'.");
            }
            if (header.dependsOn() != null) {
                dependencies = new ArrayList<>();
                String origin = "the '-- depends-on:' header at " + script + ":" + header.dependsOnLine();
                for (MigrationVersion dependency : header.dependsOn()) {
                    dependencies.add(new Dependency(Version.of(dependency), place.value, origin));
                }
            }
        }
        if (dependencies == null) {
            onHeads.add(script);
        }
        refuseStatementsOutsideTransactions(script, text, "A repeatable script always runs in a transaction: move"
                + " the statement into a versioned script with the header '-- transactional: false'", place, report);
        return MigrationModel.repeatableSql(place.element, packageOf(place.element), place.annotation,
                source(script, text, null, null, place), dependencies, ScriptName.parse(fileName).description());
    }

    /**
     * One script of a folder as a migration. Its header decides its dependencies and whether it is
     * transactional. A script without a {@code -- depends-on:} header depends on the folder's
     * previous version, so that a folder runs in the order of its names as users expect; the first
     * script takes the annotation's {@code dependsOn} instead, which links the folder to the rest.
     *
     * @param previous the folder's previous version, or null for the first script
     * @param undoFile the undo script of its version, or null
     */
    private MigrationModel folderMigration(Folder folder, Path file, MigrationVersion version,
            MigrationVersion previous, Path undoFile, List<Dependency> folderDependencies,
            AnnotationValue dependsOnValue, Place place, DiagnosticReport report) {
        String fileName = file.getFileName().toString();
        String script = folder.name + "/" + fileName;
        String text = checkText(script, "script", readFile(file, script, place, report), place, report);
        boolean transactional = true;
        ScriptHeader header = text == null ? null : ScriptHeader.parse(script, text);
        if (header != null) {
            for (String problem : header.problems()) {
                place.error(report, Code.SQL_HEADER, problem);
            }
            if (header.transactional() != null) {
                transactional = header.transactional();
            }
        }
        List<Dependency> dependencies;
        // Dependency problems point at the annotation's dependsOn only where its versions apply.
        AnnotationValue dependenciesValue = null;
        if (header != null && header.dependsOn() != null) {
            dependencies = new ArrayList<>();
            String origin = "the '-- depends-on:' header at " + script + ":" + header.dependsOnLine();
            for (MigrationVersion dependency : header.dependsOn()) {
                dependencies.add(new Dependency(Version.of(dependency), place.value, origin));
            }
        } else if (previous != null) {
            dependencies = List.of(new Dependency(Version.of(previous), place.value, "the folder rule of "
                    + folder.name + " (a script without a '-- depends-on:' header depends on the previous one)"));
        } else {
            dependencies = folderDependencies;
            dependenciesValue = dependsOnValue;
        }
        String undo = undoFile == null ? null : folder.name + "/" + undoFile.getFileName();
        String undoText = undoFile == null ? null
                : checkText(undo, "undo script", readFile(undoFile, undo, place, report), place, report);
        if (transactional) {
            String advice = "Add the header '-- transactional: false' at the top of the script" + OUTSIDE;
            refuseStatementsOutsideTransactions(script, text, advice, place, report);
            refuseStatementsOutsideTransactions(undo, undoText, advice, place, report);
        }
        return MigrationModel.sql(place.element, packageOf(place.element), place.annotation,
                source(script, text, undo, undoText, place), Version.of(version), place.value, dependencies,
                dependenciesValue,
                ScriptName.parse(fileName).description(), transactional);
    }

    /**
     * A statement a database refuses inside a transaction block ({@code CREATE INDEX CONCURRENTLY},
     * {@code VACUUM}, ...) in a script Cairn would run in one: found at compile time, with the
     * setting that runs the script outside a transaction, instead of failing at run time.
     *
     * @param text the checked text, or null when it was unusable (already reported)
     */
    private static void refuseStatementsOutsideTransactions(String script, String text, String advice, Place place,
            DiagnosticReport report) {
        if (text == null) {
            return;
        }
        for (SqlStatement statement : SqlScript.parse(script, text).statements()) {
            statement.refusedInTransactionBy().ifPresent(databases -> place.error(report,
                    Code.SQL_NOT_IN_TRANSACTION, script + ":" + statement.line() + ": " + databases
                    + " cannot run '" + firstLine(statement.sql()) + "' inside a transaction, and Cairn runs this"
                    + " script in one, together with its history row. " + advice + "."));
        }
    }

    /** How a script declared non-transactional runs, for the advice to declare one so. */
    private static final String OUTSIDE = ": it then runs outside a transaction, statement by statement (keep such a"
            + " script to the statements that need it: if it fails halfway, migrate waits for repair)";

    /** A folder-style header in a script declared by @SqlMigration, whose attributes decide instead. */
    private static void warnAboutIgnoredHeader(String script, String text, Place place, DiagnosticReport report) {
        ScriptHeader header = ScriptHeader.parse(script, text);
        if (header.dependsOn() != null || header.transactional() != null) {
            place.warning(report, Code.SQL_HEADER, script + ": its '-- depends-on:' or '-- transactional:' header"
                    + " is ignored, because headers are read only for scripts of a @SqlMigrationDirectory folder;"
                    + " for @SqlMigration, the dependsOn and transactional attributes decide. Move the values into"
                    + " the annotation and remove the header.");
        }
    }

    private SqlSource source(String script, String text, String undo, String undoText, Place place) {
        return new SqlSource(script, text, text == null ? null : SqlScript.checksum(text), stamp(script),
                undo, undoText, undoText == null ? null : SqlScript.checksum(undoText), stamp(undo), place.value);
    }

    private long stamp(String script) {
        Long stamp = script == null ? null : stamps.get(script);
        return stamp == null ? SqlScript.NO_STAMP : stamp;
    }

    /**
     * Finds, reads and checks a script; null after reporting why it cannot be used.
     *
     * @param required whether a missing script is an error (else null is returned quietly)
     */
    private String load(String script, String what, Place place, DiagnosticReport report, boolean required) {
        ResourceFinder.Resource resource;
        try {
            resource = finder.read(script);
        } catch (IOException e) {
            place.error(report, Code.SQL_SCRIPT_UNREADABLE, "the SQL " + what + " " + script
                    + " could not be read: " + e + ". Check that it is a readable file.");
            return null;
        }
        if (resource == null) {
            if (required) {
                place.error(report, Code.SQL_SCRIPT_NOT_FOUND, "the SQL " + what + " " + script + " was not found."
                        + " Searched " + finder.searched() + ". Check the name (a class-path resource such as"
                        + " db/migration/V1__init.sql for src/main/resources/db/migration/V1__init.sql), or pass"
                        + " the resource root with -A" + ResourceFinder.OPTION + "=src/main/resources.");
            }
            return null;
        }
        stamps.put(script, SqlScript.stamp(resource.bytes));
        return checkText(script, what, resource.bytes, place, report);
    }

    private byte[] readFile(Path file, String script, Place place, DiagnosticReport report) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            stamps.put(script, SqlScript.stamp(bytes));
            return bytes;
        } catch (IOException e) {
            place.error(report, Code.SQL_SCRIPT_UNREADABLE, "the SQL script " + script + " (" + file
                    + ") could not be read: " + e + ". Check that it is a readable file.");
            return null;
        }
    }

    /** Decodes and checks the script; null after reporting a problem that makes it unusable. */
    private static String checkText(String script, String what, byte[] bytes, Place place, DiagnosticReport report) {
        if (bytes == null) {
            return null;
        }
        String text;
        try {
            text = SqlScript.decode(script, bytes);
        } catch (SqlScriptException e) {
            place.error(report, Code.SQL_SCRIPT_ENCODING, script + ":" + e.line() + ": the SQL " + what
                    + " is not valid UTF-8 (" + e.problem() + "). Save it as UTF-8.");
            return null;
        }
        try {
            ScriptDialect.declaredIn(script, text);
        } catch (SqlScriptException e) {
            place.error(report, Code.SQL_DIALECT, script + ":" + e.line() + ": " + e.problem());
            return null;
        }
        SqlScript parsed;
        try {
            parsed = SqlScript.parse(script, text);
        } catch (SqlScriptException e) {
            // The runtime splits with the same code: what fails here would fail (or split wrongly) there.
            place.error(report, ScriptDialect.isDialectProblem(e) ? Code.SQL_DIALECT : Code.SQL_SYNTAX,
                    script + ":" + e.line() + ": " + e.problem());
            return null;
        }
        if (parsed.statements().isEmpty()) {
            place.error(report, Code.SQL_EMPTY_SCRIPT, "the SQL " + what + " " + script + " contains no statement"
                    + " (only whitespace and comments). Add its statements, or remove the migration.");
            return null;
        }
        for (SqlStatement statement : parsed.statements()) {
            if (statement.isTransactionControl()) {
                place.error(report, Code.SQL_TRANSACTION_CONTROL, script + ":" + statement.line() + ": the"
                        + " statement '" + firstLine(statement.sql()) + "' controls the transaction, but Cairn"
                        + " runs each migration and its history row in one transaction of its own. Remove it;"
                        + " for statements that cannot run in a transaction, declare the migration with"
                        + " transactional = false (in a folder: a '-- transactional: false' header).");
            }
        }
        return text;
    }

    private String packageOf(Element element) {
        return elements.getPackageOf(element).getQualifiedName().toString();
    }

    /** A class-path resource name: trimmed, without leading slashes (ClassLoader resources have none). */
    private static String resourceName(String written) {
        String name = written.trim().replace('\\', '/');
        while (name.startsWith("/")) {
            name = name.substring(1);
        }
        return name;
    }

    private static String fileName(String script) {
        return script.substring(script.lastIndexOf('/') + 1);
    }

    private static String folderOf(String script) {
        return script.substring(0, script.lastIndexOf('/') + 1);
    }

    private static String firstLine(String sql) {
        int end = sql.indexOf('\n');
        String line = end < 0 ? sql : sql.substring(0, end).trim() + " ...";
        return line.length() > 60 ? line.substring(0, 57) + "..." : line;
    }
}
