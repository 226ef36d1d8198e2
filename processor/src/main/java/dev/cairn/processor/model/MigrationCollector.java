package dev.cairn.processor.model;

import dev.cairn.processor.checksum.SourceChecksums;
import dev.cairn.processor.diagnostic.Code;
import dev.cairn.processor.diagnostic.DiagnosticReport;
import dev.cairn.runtime.MigrationNames;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads one {@code @Migration} class into a {@link MigrationModel}: the annotation's values, the
 * derived description, whether it is reversible, and its source checksum. Call it only for
 * classes whose types resolve (see {@link UnresolvedTypes}).
 *
 * <pre>{@code
 * MigrationCollector collector = new MigrationCollector(elements, types, checksums);
 * MigrationModel migration = collector.collect(element, report);
 * }</pre>
 */
public final class MigrationCollector {

    private final Elements elements;
    private final Types types;
    private final Reversibility reversibility;
    private final SourceChecksums checksums;

    public MigrationCollector(Elements elements, Types types, SourceChecksums checksums) {
        this.elements = elements;
        this.types = types;
        this.reversibility = new Reversibility(types);
        this.checksums = checksums;
    }

    /**
     * Reads the migration. A checksum missing for this class alone (no source tree) becomes a note
     * in {@code report}.
     */
    public MigrationModel collect(TypeElement element, DiagnosticReport report) {
        AnnotationMirror annotation = MigrationAnnotation.find(element);
        String who = "@Migration " + element.getQualifiedName();
        Version version = VersionAttributes.version(element, annotation, who, report);
        AnnotationValue versionValue = VersionAttributes.versionValue(annotation);
        AnnotationValue dependsOnValue = VersionAttributes.dependsOnValue(annotation);
        List<Dependency> dependencies = VersionAttributes.dependencies(element, annotation, who, report);
        AnnotationValue descriptionValue = MigrationAnnotation.explicitValue(annotation, "description");
        String description = descriptionValue == null ? "" : (String) descriptionValue.getValue();
        if (description.isBlank()) {
            description = MigrationNames.description(element.getSimpleName().toString());
        }
        AnnotationValue transactionalValue = MigrationAnnotation.explicitValue(annotation, "transactional");
        boolean transactional = transactionalValue == null || (Boolean) transactionalValue.getValue();

        SourceChecksums.Result checksum = checksums.checksum(element);
        // When the compiler offers no source access at all, the pipeline notes that once.
        if (checksum.checksum() == null && checksums.isAvailable()) {
            report.note(Code.NO_CHECKSUM, "migration " + element.getQualifiedName()
                    + " gets no checksum because " + checksum.reason()
                    + ". The runtime cannot detect later edits of this migration; compile with javac"
                    + " to get one.", element);
        }
        return new MigrationModel(
                element,
                elements.getBinaryName(element).toString(),
                elements.getPackageOf(element).getQualifiedName().toString(),
                annotation,
                version,
                versionValue,
                dependencies,
                dependsOnValue,
                description,
                transactional,
                reversibility.isReversible(element),
                checksum.checksum(),
                elements.isDeprecated(element),
                isBatched(element));
    }

    /**
     * Whether the class implements {@code BatchedMigration} through any of its supertypes. False
     * when the runtime on the class path has no such type (it predates batched migrations).
     */
    private boolean isBatched(TypeElement element) {
        TypeElement batched = elements.getTypeElement(RuntimeNames.BATCHED_MIGRATION);
        return batched != null
                && types.isAssignable(types.erasure(element.asType()), types.erasure(batched.asType()));
    }
}
