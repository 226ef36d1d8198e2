package dev.cairn.processor.fuzz;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.cairn.processor.MigrationProcessor;
import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.Registry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Compiles one {@link FuzzCase} through the processor and compares what happened with the
 * {@link Oracle}: the processor never throws into javac and never reports an internal error, the
 * Cairn codes are exactly the expected ones (as many of each), javac's own errors appear exactly
 * when expected, and a case that must compile does, with a registry that lists exactly the
 * declared migrations, with their dependencies, in the expected topological order.
 *
 * <pre>{@code
 * CaseRunner.Outcome outcome = CaseRunner.run(fuzzCase);
 * if (!outcome.problems().isEmpty()) System.out.println(outcome.report());
 * }</pre>
 */
final class CaseRunner {

    private static final Pattern CODE = Pattern.compile("^\\[Cairn/(\\w+)\\]");

    private CaseRunner() {
    }

    /** What a case expected, what it got, and every difference. */
    record Outcome(FuzzCase fuzzCase, Oracle.Expectation expected, Map<String, String> sources,
                   List<String> diagnostics, List<String> problems) {

        /** Everything needed to understand and reproduce a failure. */
        String report() {
            StringBuilder text = new StringBuilder();
            text.append("FUZZ FAILURE: seed=").append(fuzzCase.seed()).append(" case=").append(fuzzCase.index())
                    .append(" (reproduce alone: -Dcairn.fuzz.seed=").append(fuzzCase.seed())
                    .append(" -Dcairn.fuzz.case=").append(fuzzCase.index()).append(")\n");
            for (String problem : problems) {
                text.append("  problem: ").append(problem).append('\n');
            }
            text.append("expected: ").append(expected.errors()).append(" warnings ").append(expected.warnings())
                    .append(", javac errors: ").append(expected.javacErrors()).append('\n');
            text.append("model: ").append(fuzzCase.describe());
            text.append("diagnostics:\n");
            for (String diagnostic : diagnostics) {
                text.append("  ").append(diagnostic.replace("\n", "\n    ")).append('\n');
            }
            for (Map.Entry<String, String> source : sources.entrySet()) {
                text.append("---- ").append(source.getKey()).append('\n').append(source.getValue());
            }
            return text.toString();
        }
    }

    static Outcome run(FuzzCase fuzzCase) {
        Oracle.Expectation expected = Oracle.expect(fuzzCase);
        Map<String, String> sources = SourceRenderer.render(fuzzCase);
        List<JavaFileObject> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            files.add(JavaFileObjects.forSourceString(source.getKey(), source.getValue()));
        }
        List<String> problems = new ArrayList<>();
        List<String> diagnostics = new ArrayList<>();
        Compilation compilation;
        try {
            compilation = javac().withProcessors(new MigrationProcessor()).compile(files);
        } catch (Throwable e) {
            // compile-testing rethrows whatever escaped from javac or the processor.
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            problems.add("the compiler threw: " + trace);
            return new Outcome(fuzzCase, expected, sources, diagnostics, problems);
        }
        Map<String, Integer> errors = new TreeMap<>();
        Map<String, Integer> warnings = new TreeMap<>();
        int javacErrors = 0;
        for (Diagnostic<? extends JavaFileObject> diagnostic : compilation.diagnostics()) {
            String message = diagnostic.getMessage(null);
            String file = diagnostic.getSource() == null ? "-" : diagnostic.getSource().getName();
            diagnostics.add(diagnostic.getKind() + " " + file + ":" + diagnostic.getLineNumber() + " " + message);
            Matcher code = CODE.matcher(message);
            if (code.find()) {
                switch (diagnostic.getKind()) {
                    case ERROR -> errors.merge(code.group(1), 1, Integer::sum);
                    case WARNING, MANDATORY_WARNING -> warnings.merge(code.group(1), 1, Integer::sum);
                    default -> problems.add("unexpected Cairn " + diagnostic.getKind() + ": " + message);
                }
            } else if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
                javacErrors++;
            } else if (diagnostic.getKind() == Diagnostic.Kind.WARNING
                    || diagnostic.getKind() == Diagnostic.Kind.MANDATORY_WARNING) {
                if (expected.javacErrors() == Oracle.JavacErrors.NONE) {
                    problems.add("unexpected javac warning: " + message);
                }
            }
        }
        if (errors.containsKey("InternalError")) {
            problems.add("the processor failed internally");
        }
        if (!errors.equals(expected.errors())) {
            problems.add("Cairn errors " + errors + ", expected " + expected.errors());
        }
        if (!warnings.equals(expected.warnings())) {
            problems.add("Cairn warnings " + warnings + ", expected " + expected.warnings());
        }
        if (expected.javacErrors() == Oracle.JavacErrors.SOME && javacErrors == 0) {
            problems.add("javac reported no error of its own, but the sources have one");
        }
        if (expected.javacErrors() == Oracle.JavacErrors.NONE && javacErrors > 0) {
            problems.add(javacErrors + " javac error(s) in sources that have none (generated code broken?)");
        }
        if (expected.compiles()) {
            if (compilation.status() != Compilation.Status.SUCCESS) {
                problems.add("compilation failed, expected success");
            } else {
                checkRegistry(compilation, expected, problems);
            }
        } else if (compilation.status() == Compilation.Status.SUCCESS) {
            problems.add("compilation succeeded, expected failure");
        }
        return new Outcome(fuzzCase, expected, sources, diagnostics, problems);
    }

    private static void checkRegistry(Compilation compilation, Oracle.Expectation expected, List<String> problems) {
        List<MigrationDescriptor> migrations;
        try {
            Registry registry = new GeneratedClasses(compilation).registry(expected.registry());
            migrations = registry.migrations();
        } catch (Throwable e) {
            problems.add("cannot load " + expected.registry() + ": " + e);
            return;
        }
        List<Long> actualOrder = new ArrayList<>();
        for (MigrationDescriptor descriptor : migrations) {
            actualOrder.add(descriptor.version());
        }
        List<Long> expectedOrder = new ArrayList<>();
        for (MigrationSpec m : expected.order()) {
            expectedOrder.add(m.version());
        }
        // Topological first (the essential property), then the exact tie-breaking order.
        Set<Long> before = new HashSet<>();
        for (MigrationDescriptor descriptor : migrations) {
            for (long dependency : descriptor.dependsOn()) {
                if (!before.contains(dependency)) {
                    problems.add("registry lists " + descriptor.version() + " before its dependency " + dependency);
                }
            }
            before.add(descriptor.version());
        }
        if (!actualOrder.equals(expectedOrder)) {
            problems.add("registry order " + actualOrder + ", expected " + expectedOrder);
            return;
        }
        for (int i = 0; i < migrations.size(); i++) {
            MigrationDescriptor descriptor = migrations.get(i);
            MigrationSpec m = expected.order().get(i);
            String where = "migration " + m.version() + ": ";
            if (!new HashSet<>(descriptor.dependsOn()).equals(new HashSet<>(m.dependsOn()))
                    || descriptor.dependsOn().size() != new HashSet<>(m.dependsOn()).size()) {
                problems.add(where + "dependsOn " + descriptor.dependsOn() + ", declared " + m.dependsOn());
            }
            if (!descriptor.className().equals(m.binaryName())) {
                problems.add(where + "class " + descriptor.className() + ", expected " + m.binaryName());
            }
            if (descriptor.transactional() != !Boolean.FALSE.equals(m.transactional())) {
                problems.add(where + "transactional " + descriptor.transactional());
            }
            if (descriptor.reversible() != m.reversible()) {
                problems.add(where + "reversible " + descriptor.reversible());
            }
            if (m.description() != null && !m.description().isBlank()
                    && !Objects.equals(descriptor.description(), m.description())) {
                problems.add(where + "description '" + descriptor.description() + "', expected '" + m.description() + "'");
            }
            if (descriptor.checksum().isEmpty()) {
                problems.add(where + "no checksum");
            }
            try {
                Object instance = descriptor.newInstance();
                if (!instance.getClass().getName().equals(m.binaryName())) {
                    problems.add(where + "newInstance() made a " + instance.getClass().getName());
                }
            } catch (Throwable e) {
                problems.add(where + "newInstance() failed: " + e);
            }
        }
    }
}
