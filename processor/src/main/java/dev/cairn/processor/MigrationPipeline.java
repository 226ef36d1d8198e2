package dev.cairn.processor;

import com.squareup.javapoet.JavaFile;
import dev.cairn.processor.checksum.SourceChecksums;
import dev.cairn.processor.codegen.RegistryLocation;
import dev.cairn.processor.codegen.RegistryWriter;
import dev.cairn.processor.diagnostic.Code;
import dev.cairn.processor.diagnostic.DiagnosticReport;
import dev.cairn.processor.diagnostic.RepeatedAnnotationMessager;
import dev.cairn.processor.graph.GraphRule;
import dev.cairn.processor.graph.MigrationGraph;
import dev.cairn.processor.graph.TopologicalOrder;
import dev.cairn.processor.graph.UnknownDependencyRule;
import dev.cairn.processor.model.Version;
import java.util.LinkedHashSet;
import dev.cairn.processor.model.MigrationCollector;
import dev.cairn.processor.model.MigrationModel;
import dev.cairn.processor.model.RuntimeNames;
import dev.cairn.processor.shape.AccessibilityValidator;
import dev.cairn.processor.shape.BatchedMigrationValidator;
import dev.cairn.processor.shape.ClassShapeValidator;
import dev.cairn.processor.sql.SqlMigrationCollector;
import dev.cairn.processor.sql.SqliteVerifier;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.StandardLocation;

/**
 * One validation and generation pass over all migrations of a compilation, in gates:
 * collect (Java classes, and SQL scripts with their own checks), check class shapes, locate the
 * registry, check accessibility, run the graph rules over Java and SQL migrations together, verify
 * the SQL migrations against SQLite when {@code -Acairn.verify=sqlite} asks for it and the graph is
 * clean, and generate the registry only when no error was reported. Every problem found is
 * reported, not just the first.
 *
 * <pre>{@code
 * MigrationPipeline pipeline = new MigrationPipeline(processingEnv, checksums);
 * boolean generated = pipeline.run(migrationElements, List.of(), sqlDeclarers, true);
 * }</pre>
 */
final class MigrationPipeline {

    private final ProcessingEnvironment environment;
    private final Elements elements;
    private final SourceChecksums checksums;
    private final MigrationCollector collector;
    private final ClassShapeValidator shapes;
    private final AccessibilityValidator accessibility;
    private final BatchedMigrationValidator batched;
    private final SqlMigrationCollector sqlCollector;

    MigrationPipeline(ProcessingEnvironment environment, SourceChecksums checksums) {
        this.environment = environment;
        this.checksums = checksums;
        this.elements = environment.getElementUtils();
        this.collector = new MigrationCollector(elements, environment.getTypeUtils(), checksums);
        this.shapes = new ClassShapeValidator(elements, environment.getTypeUtils());
        this.accessibility = new AccessibilityValidator(elements, environment.getTypeUtils());
        this.batched = new BatchedMigrationValidator(environment.getTypeUtils());
        this.sqlCollector = new SqlMigrationCollector(elements, environment.getFiler(), environment.getOptions());
    }

    /**
     * Validates {@code migrationElements} (all resolved) and the SQL migrations declared on
     * {@code sqlDeclarers} (the types and packages carrying {@code @SqlMigration} or
     * {@code @SqlMigrationDirectory}) and, when {@code generate} is set and nothing is wrong, writes
     * the registry. Prints every diagnostic.
     *
     * @param graphOnly migrations whose class does not resolve (already reported) but whose
     *     annotation does: they take part in the graph rules, so that migrations depending on them
     *     get no misleading "unknown dependency" errors; with any of them, nothing is generated
     * @return whether the registry was written
     */
    boolean run(List<TypeElement> migrationElements, List<TypeElement> graphOnly, List<Element> sqlDeclarers,
            boolean generate) throws IOException {
        DiagnosticReport report = new DiagnosticReport();
        boolean verify = SqliteVerifier.requested(environment.getOptions(), report);
        List<MigrationModel> migrations = new ArrayList<>();
        for (TypeElement element : migrationElements) {
            migrations.add(collector.collect(element, report));
        }
        List<MigrationModel> graphMembers = new ArrayList<>(migrations);
        for (TypeElement element : graphOnly) {
            graphMembers.add(collector.collect(element, new DiagnosticReport()));
        }
        List<MigrationModel> sqlMigrations = sqlCollector.collect(sqlDeclarers, report);
        if (!checksums.isAvailable() && !migrations.isEmpty()) {
            // One note, not one per migration: the cause is the compiler, not any class.
            int count = migrations.size();
            report.note(Code.NO_CHECKSUM, count + (count == 1 ? " migration gets" : " migrations get")
                    + " no checksum because " + checksums.unavailableReason() + ". The runtime cannot"
                    + " detect later edits of applied migrations; compile with javac to get checksums.", null);
        }
        migrations.sort(MigrationGraph.ORDER);
        graphMembers.addAll(sqlMigrations);
        MigrationGraph graph = new MigrationGraph(graphMembers);
        shapes.validate(migrations, report);
        batched.validate(migrations, report);
        if (!sqlMigrations.isEmpty() && elements.getTypeElement(RuntimeNames.GENERATED_MIGRATIONS) == null) {
            MigrationModel first = sqlMigrations.get(0);
            report.error(Code.MISSING_RUNTIME, RuntimeNames.GENERATED_MIGRATIONS + " is not on the compile"
                    + " classpath, so the registry cannot run " + first.kindAndName() + " and the other SQL"
                    + " migrations. Add the dev.cairn:cairn-runtime dependency, in a version with SQL migrations.",
                    first.element(), first.annotation(), null);
        }
        String option = environment.getOptions().get(RegistryLocation.OPTION);
        // Resolved even without any migration (every declaration failed): a bad -Acairn.registry
        // is a mistake of its own, worth reporting now rather than after the others are fixed.
        List<MigrationModel> repeatables = sqlCollector.repeatables(heads(graph));
        List<MigrationModel> placed = new ArrayList<>(graph.migrations());
        placed.addAll(repeatables);
        RegistryLocation location = RegistryLocation.resolve(option, placed, report);
        if (location != null) {
            accessibility.validate(migrations, location.packageName(), report);
            if (elements.getTypeElement(location.qualifiedName()) != null) {
                report.error(Code.REGISTRY_NAME_TAKEN, "the registry cannot be generated as "
                        + location.qualifiedName() + " because a class of that name already exists."
                        + " Rename that class, or choose another name with -A" + RegistryLocation.OPTION
                        + "=...", elements.getTypeElement(location.qualifiedName()));
            }
        }
        for (GraphRule rule : GraphRule.all()) {
            rule.check(graph, report);
        }
        for (MigrationModel repeatable : repeatables) {
            UnknownDependencyRule.checkDependencies(repeatable, graph, report);
        }
        boolean clean = graphOnly.isEmpty() && !report.hasErrors() && location != null;
        List<MigrationModel> ordered = clean ? TopologicalOrder.of(graph) : null;
        if (clean && verify) {
            // Repeatable scripts last, as they run: after the versions they depend on.
            List<MigrationModel> all = new ArrayList<>(ordered);
            all.addAll(repeatables);
            new SqliteVerifier(environment.getOptions()).verify(all, report);
        }
        if (generate && clean && !report.hasErrors()) {
            noteLocation(option, location, placed, report);
        }
        report.printTo(RepeatedAnnotationMessager.wrap(environment));
        if (!generate || !clean || report.hasErrors()) {
            if (generate && location != null && report.hasErrors()
                    && elements.getTypeElement(location.qualifiedName()) == null
                    && elements.getTypeElement(RuntimeNames.REGISTRY) != null) {
                new RegistryWriter(options(location)).writeStandIn(location).writeTo(environment.getFiler());
            }
            return false;
        }
        JavaFile file = new RegistryWriter(options(location)).write(location, ordered, sqlCollector.folders(),
                repeatables);
        file.writeTo(environment.getFiler());
        List<Element> originating = new ArrayList<>(migrationElements);
        originating.addAll(sqlDeclarers);
        writeRegistryIndex(location, originating);
        return true;
    }

    /** Where integrations (the Spring Boot starter) find the generated registry without scanning. */
    public static final String REGISTRY_INDEX = "META-INF/cairn/registries";

    /**
     * Names the generated registry in {@link #REGISTRY_INDEX}, one class name and a newline, so that
     * an integration finds it with {@code ClassLoader.getResources} instead of scanning the class
     * path. Only a real registry is listed, never the stand-in written after errors.
     */
    private void writeRegistryIndex(RegistryLocation location, List<Element> originating) throws IOException {
        try (Writer writer = environment.getFiler()
                .createResource(StandardLocation.CLASS_OUTPUT, "", REGISTRY_INDEX, originating.toArray(new Element[0]))
                .openWriter()) {
            writer.write(location.qualifiedName() + "\n");
        }
    }

    /**
     * The versions of the migrations nothing depends on, in version order: a repeatable script
     * without a {@code -- depends-on:} header depends on them, so that it runs after every versioned
     * migration, as Flyway runs repeatable scripts last.
     */
    private static List<Version> heads(MigrationGraph graph) {
        boolean[] dependedOn = new boolean[graph.size()];
        for (int node = 0; node < graph.size(); node++) {
            for (int dependency : graph.dependenciesOf(node)) {
                dependedOn[dependency] = true;
            }
        }
        Set<Version> heads = new LinkedHashSet<>();
        for (int node = 0; node < graph.size(); node++) {
            if (!dependedOn[node] && graph.migration(node).version() != null) {
                heads.add(graph.migration(node).version());
            }
        }
        return new ArrayList<>(heads);
    }

    /**
     * Says where the registry went when that is not plain to see: its package is none of the
     * migrations' own (their longest common package), so code that expected it beside them would
     * only get javac's "cannot find symbol". The note stands on the first migration.
     */
    private static void noteLocation(String option, RegistryLocation location, List<MigrationModel> migrations,
            DiagnosticReport report) {
        if (option != null || migrations.isEmpty()) {
            return;
        }
        Set<String> packages = new TreeSet<>();
        for (MigrationModel migration : migrations) {
            packages.add(migration.packageName());
        }
        if (!packages.contains(location.packageName())) {
            report.note(Code.REGISTRY_LOCATION, "generated the migration registry as " + location.qualifiedName()
                    + ", in the package common to the migrations' packages " + String.join(", ", packages)
                    + ". Import it from there, or choose its name with -A" + RegistryLocation.OPTION
                    + "=com.example.db.MigrationRegistry.", migrations.get(0).element());
        }
    }

    private RegistryWriter.Options options(RegistryLocation location) {
        boolean generatedAnnotation = environment.getSourceVersion().compareTo(SourceVersion.RELEASE_8) > 0
                && elements.getTypeElement("javax.annotation.processing.Generated") != null;
        boolean migrateMethod = elements.getTypeElement(RuntimeNames.MIGRATOR) != null
                && elements.getTypeElement(RuntimeNames.MIGRATION_REPORT) != null;
        // The registry's writer keeps its names clear of the types already in its package.
        Set<String> packageTypes = new TreeSet<>();
        PackageElement registryPackage = elements.getPackageElement(location.packageName());
        if (registryPackage != null) {
            for (Element type : registryPackage.getEnclosedElements()) {
                packageTypes.add(type.getSimpleName().toString());
            }
        }
        // A runtime without the stale-registry check (older than this processor) gets no CompiledScripts.
        boolean compiledScripts = elements.getTypeElement(RuntimeNames.COMPILED_SCRIPTS) != null;
        return new RegistryWriter.Options(generatedAnnotation, migrateMethod, packageTypes, compiledScripts,
                compiledScripts && hasStampedSqlScript());
    }

    /**
     * Whether the runtime's {@code GeneratedMigrations.sqlScript} takes script stamps (issue 18); a
     * runtime older than this processor gets the call without them, and its check reads every script.
     */
    private boolean hasStampedSqlScript() {
        TypeElement generated = elements.getTypeElement(RuntimeNames.GENERATED_MIGRATIONS);
        if (generated == null) {
            return false;
        }
        for (Element member : generated.getEnclosedElements()) {
            if (member.getKind() == ElementKind.METHOD && member.getSimpleName().contentEquals("sqlScript")
                    && ((ExecutableElement) member).getParameters().size() == 7) {
                return true;
            }
        }
        return false;
    }
}
