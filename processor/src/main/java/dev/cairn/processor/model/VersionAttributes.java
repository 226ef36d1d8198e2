package dev.cairn.processor.model;

import dev.cairn.processor.diagnostic.Code;
import dev.cairn.processor.diagnostic.DiagnosticReport;
import dev.cairn.runtime.MigrationVersion;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Reads a migration's version and dependencies from the annotation that declares it
 * ({@code @Migration}, {@code @SqlMigration}; the dependencies also from
 * {@code @SqlMigrationDirectory}), where each can be written two ways: {@code version = 3} or
 * {@code dottedVersion = "1.10"}, {@code dependsOn = {2, 3}} and {@code dependsOnDotted = "1.9"}.
 * Each rule reports on the exact value, with its own code:
 * <ul>
 *   <li>{@code [Cairn/MissingVersion]} neither {@code version} nor {@code dottedVersion};
 *   <li>{@code [Cairn/ConflictingVersions]} both;
 *   <li>{@code [Cairn/InvalidVersion]} a {@code dottedVersion} or {@code dependsOnDotted} text that is
 *       not a version, with the runtime's own sentence ({@link MigrationVersion#problemWith}).
 * </ul>
 *
 * <pre>{@code
 * Version version = VersionAttributes.version(element, mirror, "@Migration com.example.AddIndex", report);
 * List<Dependency> dependencies = VersionAttributes.dependencies(element, mirror, "@Migration ...", report);
 * }</pre>
 */
public final class VersionAttributes {

    static final String VERSION = "version";
    static final String DOTTED_VERSION = "dottedVersion";
    static final String DEPENDS_ON = "dependsOn";
    static final String DEPENDS_ON_DOTTED = "dependsOnDotted";

    private VersionAttributes() {
    }

    /**
     * The version given by exactly one of {@code version} and {@code dottedVersion}, or null after
     * reporting why there is none. A value of the wrong type (javac's error) also gives null, quietly.
     *
     * @param who how messages name the migration, e.g. {@code @Migration com.example.AddIndex}
     */
    public static Version version(Element element, AnnotationMirror annotation, String who, DiagnosticReport report) {
        AnnotationValue whole = MigrationAnnotation.explicitValue(annotation, VERSION);
        AnnotationValue dotted = dottedVersionValue(annotation);
        if (whole != null && dotted != null) {
            report.error(Code.CONFLICTING_VERSIONS, who + " gives both version = " + whole.getValue()
                    + " and dottedVersion = \"" + dotted.getValue() + "\". Give one: version for a whole number"
                    + " (version = 3), dottedVersion for a version with parts (dottedVersion = \"1.10\").",
                    element, annotation, dotted);
            return null;
        }
        if (whole != null) {
            return whole.getValue() instanceof Long ? Version.of((Long) whole.getValue()) : null;
        }
        if (dotted != null) {
            String text = (String) dotted.getValue();
            String problem = MigrationVersion.problemWith(text);
            if (problem != null) {
                report.error(Code.INVALID_VERSION, "the dottedVersion of " + who + " is not a version. " + problem
                        + ".", element, annotation, dotted);
                return null;
            }
            return Version.of(MigrationVersion.parse(text));
        }
        report.error(Code.MISSING_VERSION, who + " has no version. Give it one: version = 3 for a whole number,"
                + " or dottedVersion = \"1.10\" for a version with parts.", element, annotation, null);
        return null;
    }

    /** The value of {@code version}, else of {@code dottedVersion}, to report version problems on; or null. */
    public static AnnotationValue versionValue(AnnotationMirror annotation) {
        AnnotationValue whole = MigrationAnnotation.explicitValue(annotation, VERSION);
        return whole != null ? whole : dottedVersionValue(annotation);
    }

    /**
     * The versions a migration whose version could not be read ({@link #version} reported why)
     * meant to have: both of {@code version = 3, dottedVersion = "1.10"}. Its dependents name one
     * of them, and are not to blame: the graph rules treat these as known.
     */
    public static List<Version> intendedVersions(AnnotationMirror annotation) {
        List<Version> intended = new ArrayList<>();
        if (annotation == null) {
            return intended;
        }
        AnnotationValue whole = MigrationAnnotation.explicitValue(annotation, VERSION);
        if (whole != null && whole.getValue() instanceof Long) {
            intended.add(Version.of((Long) whole.getValue()));
        }
        AnnotationValue dotted = dottedVersionValue(annotation);
        if (dotted != null && MigrationVersion.problemWith((String) dotted.getValue()) == null) {
            intended.add(Version.of(MigrationVersion.parse((String) dotted.getValue())));
        }
        return intended;
    }

    /** A non-empty {@code dottedVersion} string: the empty default means "not given". */
    private static AnnotationValue dottedVersionValue(AnnotationMirror annotation) {
        AnnotationValue dotted = MigrationAnnotation.explicitValue(annotation, DOTTED_VERSION);
        return dotted != null && dotted.getValue() instanceof String && !((String) dotted.getValue()).isEmpty()
                ? dotted : null;
    }

    /**
     * The union of {@code dependsOn} and {@code dependsOnDotted}, in that order, each as written
     * (repeats included: a rule warns about them). A {@code dependsOnDotted} text that is not a
     * version is reported on its entry and left out.
     */
    public static List<Dependency> dependencies(Element element, AnnotationMirror annotation, String who,
            DiagnosticReport report) {
        List<Dependency> dependencies = new ArrayList<>(
                Dependency.listedIn(MigrationAnnotation.explicitValue(annotation, DEPENDS_ON)));
        AnnotationValue dotted = MigrationAnnotation.explicitValue(annotation, DEPENDS_ON_DOTTED);
        if (dotted != null && dotted.getValue() instanceof List) {
            for (Object entry : (List<?>) dotted.getValue()) {
                AnnotationValue entryValue = (AnnotationValue) entry;
                if (!(entryValue.getValue() instanceof String)) {
                    continue; // javac reports it
                }
                String text = (String) entryValue.getValue();
                String problem = MigrationVersion.problemWith(text);
                if (problem != null) {
                    report.error(Code.INVALID_VERSION, "dependsOnDotted of " + who + " lists \"" + text
                            + "\", which is not a version. " + problem + ".", element, annotation, entryValue);
                } else {
                    dependencies.add(Dependency.dotted(Version.of(MigrationVersion.parse(text)), entryValue));
                }
            }
        }
        return dependencies;
    }

    /**
     * The {@code dependsOn} value, else the {@code dependsOnDotted} value, to report problems with
     * the dependencies as a whole on; null when neither is written.
     */
    public static AnnotationValue dependsOnValue(AnnotationMirror annotation) {
        AnnotationValue whole = MigrationAnnotation.explicitValue(annotation, DEPENDS_ON);
        return whole != null ? whole : MigrationAnnotation.explicitValue(annotation, DEPENDS_ON_DOTTED);
    }
}
