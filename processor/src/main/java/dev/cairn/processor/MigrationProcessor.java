package dev.cairn.processor;

import com.google.auto.service.AutoService;
import dev.cairn.processor.checksum.SourceChecksums;
import dev.cairn.processor.codegen.RegistryLocation;
import dev.cairn.processor.diagnostic.Code;
import dev.cairn.processor.diagnostic.DiagnosticReport;
import dev.cairn.processor.diagnostic.RepeatedAnnotationMessager;
import dev.cairn.processor.model.MigrationAnnotation;
import dev.cairn.processor.model.UnresolvedTypes;
import dev.cairn.processor.sql.SqlMigrationCollector;
import dev.cairn.processor.sql.SqliteVerifier;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * Checks every {@code @Migration} class and every SQL migration ({@code @SqlMigration},
 * {@code @SqlMigrationDirectory}) of a compilation and generates {@code MigrationRegistry}.
 *
 * <p>Rounds: migrations are remembered by name, because elements do not survive rounds. A
 * migration whose supertypes or annotation values do not resolve yet (another processor may
 * generate them) is deferred to the next round. In the first round with nothing deferred, all
 * migrations are validated together and, when there is no error, the registry is generated;
 * that round is never the last one, so the registry is compiled normally. Migrations still
 * unresolved in the last round are reported then, with the other problems. Exceptions never
 * escape into javac: they become a {@code [Cairn/InternalError]} error.
 *
 * <p>Use it through Maven's {@code annotationProcessorPaths} (javac 23+ no longer runs
 * processors found on the class path):
 *
 * <pre>{@code
 * <annotationProcessorPaths>
 *   <path><groupId>dev.cairn</groupId><artifactId>cairn-processor</artifactId></path>
 * </annotationProcessorPaths>
 * <compilerArgs><arg>-Acairn.registry=com.example.db.MigrationRegistry</arg></compilerArgs> <!-- optional -->
 * }</pre>
 *
 * <p>Options: {@code -Acairn.registry=<class>} names the registry; {@code -Acairn.resourceDirs=<dirs>}
 * adds directories (separated by the path separator) to look for SQL scripts in, for builds that do
 * not copy resources to the class output before compiling; {@code -Acairn.verify=sqlite} runs the
 * SQL migrations against an in-memory SQLite database during compilation.
 */
@AutoService(Processor.class)
public final class MigrationProcessor extends AbstractProcessor {

    /** Every migration seen so far (resolved or not), by canonical name, sorted for determinism. */
    private final Set<String> migrationNames = new TreeSet<>();
    /**
     * Types and packages carrying SQL migration annotations, as "type:" or "package:" plus the
     * qualified name, sorted for determinism.
     */
    private final Set<String> sqlDeclarerNames = new TreeSet<>();
    /** Whether validation already ran (successfully generating or reporting errors). */
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        Set<String> names = new TreeSet<>(SqlMigrationCollector.ANNOTATIONS);
        names.add(MigrationAnnotation.NAME);
        return names;
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(RegistryLocation.OPTION, SqlMigrationCollector.RESOURCE_DIRS_OPTION, SqliteVerifier.OPTION,
                SqliteVerifier.PLACEHOLDERS_OPTION);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            processRound(round);
        } catch (Throwable e) {
            // Never crash javac: a processor bug must not hide the user's own compile errors.
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            DiagnosticReport report = new DiagnosticReport();
            report.error(Code.INTERNAL_ERROR, "the Cairn annotation processor failed unexpectedly; this is a bug"
                    + " in Cairn, please report it with this trace:\n" + trace, null);
            // javac's own messager, not the wrapped one: nothing here may fail a second time.
            report.printTo(processingEnv.getMessager());
            done = true;
        }
        return false;
    }

    private void processRound(RoundEnvironment round) throws Exception {
        TypeElement annotation = processingEnv.getElementUtils().getTypeElement(MigrationAnnotation.NAME);
        List<String> arrivedLate = new ArrayList<>();
        if (annotation != null) {
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                if (element instanceof TypeElement) {
                    String name = ((TypeElement) element).getQualifiedName().toString();
                    if (migrationNames.add(name) && done) {
                        arrivedLate.add(name);
                    }
                }
            }
        }
        List<String> sqlArrivedLate = collectSqlDeclarers(round);
        if (done) {
            DiagnosticReport report = new DiagnosticReport();
            reportLate(arrivedLate, report);
            reportLateSql(sqlArrivedLate, report);
            print(report);
            return;
        }
        if (migrationNames.isEmpty() && sqlDeclarerNames.isEmpty()) {
            return;
        }
        // Re-fetch by name: element objects of earlier rounds are stale.
        List<TypeElement> resolved = new ArrayList<>();
        TreeMap<String, String> unresolved = new TreeMap<>();
        for (String name : migrationNames) {
            TypeElement element = processingEnv.getElementUtils().getTypeElement(name);
            String problem = element == null ? "its class" : UnresolvedTypes.find(element);
            if (problem == null) {
                resolved.add(element);
            } else {
                unresolved.put(name, problem);
            }
        }
        if (round.processingOver()) {
            // Last round: nothing more will be generated, so unresolved types are real errors.
            // Printed before the pipeline runs, which prints its own report.
            DiagnosticReport report = new DiagnosticReport();
            for (var entry : unresolved.entrySet()) {
                report.error(Code.UNRESOLVED_TYPE, "@Migration " + entry.getKey() + " cannot be checked because "
                        + entry.getValue() + " does not resolve. Fix the compile error reported for it (if another"
                        + " annotation processor should generate that type, make sure it runs).",
                        processingEnv.getElementUtils().getTypeElement(entry.getKey()));
            }
            print(report);
            // Report the other problems too, all at once. With an unresolved migration there is
            // already an error, so no registry. Without one (a migration deferred until now), a
            // registry written in the last round still beats none, though javac warns about it.
            List<TypeElement> graphOnly = new ArrayList<>();
            for (String name : unresolved.keySet()) {
                TypeElement element = processingEnv.getElementUtils().getTypeElement(name);
                if (element != null && UnresolvedTypes.findInAnnotation(element) == null) {
                    graphOnly.add(element);
                }
            }
            new MigrationPipeline(processingEnv, SourceChecksums.create(processingEnv))
                    .run(resolved, graphOnly, sqlDeclarers(), unresolved.isEmpty());
            done = true;
            return;
        }
        if (!unresolved.isEmpty()) {
            return; // wait for a later round, where other processors' output may resolve them
        }
        new MigrationPipeline(processingEnv, SourceChecksums.create(processingEnv))
                .run(resolved, List.of(), sqlDeclarers(), true);
        done = true;
    }

    /** Remembers this round's SQL declarers by name; returns those new after validation ran. */
    private List<String> collectSqlDeclarers(RoundEnvironment round) {
        List<String> arrivedLate = new ArrayList<>();
        for (String annotationName : SqlMigrationCollector.ANNOTATIONS) {
            TypeElement annotation = processingEnv.getElementUtils().getTypeElement(annotationName);
            if (annotation == null) {
                continue;
            }
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                String key = null;
                if (element instanceof TypeElement) {
                    key = "type:" + ((TypeElement) element).getQualifiedName();
                } else if (element instanceof PackageElement) {
                    key = "package:" + ((PackageElement) element).getQualifiedName();
                }
                if (key != null && sqlDeclarerNames.add(key) && done) {
                    arrivedLate.add(key);
                }
            }
        }
        return arrivedLate;
    }

    /** The SQL declarers, re-fetched by name: element objects of earlier rounds are stale. */
    private List<Element> sqlDeclarers() {
        List<Element> declarers = new ArrayList<>();
        for (String key : sqlDeclarerNames) {
            Element element = key.startsWith("type:")
                    ? processingEnv.getElementUtils().getTypeElement(key.substring("type:".length()))
                    : processingEnv.getElementUtils().getPackageElement(key.substring("package:".length()));
            if (element != null) {
                declarers.add(element);
            }
        }
        return declarers;
    }

    private void reportLateSql(List<String> keys, DiagnosticReport report) {
        for (String key : keys) {
            report.error(Code.LATE_MIGRATION, "SQL migrations on " + key.substring(key.indexOf(':') + 1)
                    + " appeared in a later annotation processing round (generated by another processor) than"
                    + " the one in which the migration registry was generated, so they are not part of the"
                    + " registry. Declare them in a hand-written source.", null);
        }
    }

    private void reportLate(List<String> names, DiagnosticReport report) {
        for (String name : names) {
            report.error(Code.LATE_MIGRATION, "@Migration " + name + " appeared in a later annotation processing"
                    + " round (generated by another processor) than the one in which the migration registry was"
                    + " generated, so it is not part of the registry. Write the migration by hand, or generate"
                    + " it in the first round.", processingEnv.getElementUtils().getTypeElement(name));
        }
    }

    /** Prints as the pipeline does, so that every diagnostic reaches javac one way. */
    private void print(DiagnosticReport report) {
        report.printTo(RepeatedAnnotationMessager.wrap(processingEnv));
    }
}
