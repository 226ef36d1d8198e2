package dev.cairn.processor.fuzz;

import dev.cairn.processor.fuzz.MigrationSpec.Access;
import dev.cairn.processor.fuzz.MigrationSpec.Constructor;
import dev.cairn.processor.fuzz.MigrationSpec.Kind;
import dev.cairn.processor.fuzz.MigrationSpec.Placement;
import dev.cairn.processor.fuzz.MigrationSpec.Supertype;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the processor must report for a {@link FuzzCase}, worked out from the model alone, without
 * any of the processor's classes: the Cairn codes of its errors and warnings (with how many of
 * each), whether javac reports errors of its own, and for a case that compiles, the registry's
 * name and the exact order of its migrations.
 *
 * <p>The rules, as documented in {@code @Migration}, {@code MigrationProcessor} and the
 * validators, and as javac behaves (the last points were learned from javac, not chosen):
 * <ul>
 *   <li>A syntax error anywhere stops javac before annotation processing: javac's errors only,
 *       no Cairn diagnostic at all.
 *   <li>A migration whose annotation values do not resolve gets {@code UnresolvedType} and is
 *       left out of everything else (so depending on its version is an unknown dependency).
 *   <li>A migration whose supertype does not resolve gets {@code UnresolvedType}, no class checks,
 *       but takes part in the graph rules and in choosing the registry's package.
 *   <li>Class checks (kind, abstract, JavaMigration, inner) and, when the registry has a place,
 *       accessibility and constructor checks, and graph rules all report together: there is no
 *       gate between them. No place (no common package, or an invalid {@code -Acairn.registry})
 *       means no accessibility or constructor checks.
 *   <li>The registry goes to the migrations' longest common package (the unnamed package only
 *       when all are there), or where {@code -Acairn.registry} says; a class of that name already
 *       there is {@code RegistryNameTaken}. The unnamed package is visible only from itself.
 *   <li>A migration with no class to place (every one's annotation unresolved) gives no
 *       {@code NoCommonPackage}: there is nothing to place.
 *   <li>The processor validates in the first round in which every migration resolves. A
 *       migration another processor generates in the first round joins if that is a later
 *       round; otherwise it is {@code LateMigration}, unless the first round already reported
 *       an error, after which javac runs no further round and never shows it to the processor.
 *   <li>A dependency on a version is a dependency on every migration with that version except
 *       the migration itself; each loop of two or more migrations is one {@code DependencyCycle}.
 *   <li>Unresolved types elsewhere (a field, a thrown exception) and type errors in method bodies
 *       are javac's business: they change no Cairn diagnostic. javac reports unresolved types in
 *       declarations always, but errors in method bodies only when no processor reported an
 *       error (it stops before checking bodies).
 * </ul>
 *
 * <pre>{@code
 * Oracle.Expectation expected = Oracle.expect(fuzzCase);
 * expected.errors();  // {DuplicateVersion=2, UnknownDependency=1}
 * }</pre>
 */
final class Oracle {

    private Oracle() {
    }

    /**
     * @param errors Cairn error codes (without brackets) and how often each must appear
     * @param warnings the same for warnings
     * @param javacErrors whether javac must, may, or must not report errors of its own
     * @param processorRuns false when a syntax error keeps javac from running processors
     * @param registry the registry's qualified name when the case compiles, else null
     * @param order the registry's migrations in the order it must list them, when it compiles
     * @param members the migrations the graph rules see
     * @param registryName the registry's qualified name when there is one, even if the case fails
     */
    record Expectation(
            Map<String, Integer> errors,
            Map<String, Integer> warnings,
            JavacErrors javacErrors,
            boolean processorRuns,
            String registry,
            List<MigrationSpec> order,
            List<MigrationSpec> members,
            String registryName) {

        boolean compiles() {
            return errors.isEmpty() && javacErrors == JavacErrors.NONE;
        }
    }

    /** What javac itself reports, besides the processor. */
    enum JavacErrors {
        NONE,
        SOME,
        /** Body errors after a processor error: javac stops before checking bodies. */
        MAYBE
    }

    static Expectation expect(FuzzCase fuzzCase) {
        List<MigrationSpec> all = new ArrayList<>(fuzzCase.migrations());
        boolean declarationErrors = all.stream().anyMatch(MigrationSpec::declarationError);
        boolean bodyErrors = all.stream().anyMatch(MigrationSpec::bodyError);
        if (all.stream().anyMatch(MigrationSpec::syntaxError)) {
            return new Expectation(Map.of(), Map.of(), JavacErrors.SOME, false, null, List.of(), List.of(), null);
        }
        Map<String, Integer> errors = new TreeMap<>();
        Map<String, Integer> warnings = new TreeMap<>();

        // The processor validates in the first round in which every migration resolves; a
        // migration generated in the first round appears in the second, too late if validation
        // already ran. But javac runs no further round after a processor reported an error, so
        // then the late migration is never seen.
        boolean late = false;
        if (fuzzCase.generatedMigration() != null) {
            if (all.stream().anyMatch(MigrationSpec::unresolvedInFirstRound)) {
                all.add(fuzzCase.generatedMigration());
            } else {
                late = true;
            }
        }

        List<MigrationSpec> members = new ArrayList<>();
        List<MigrationSpec> checked = new ArrayList<>();
        for (MigrationSpec m : all) {
            if (m.annotationUnresolved() || m.supertype() == Supertype.UNRESOLVED) {
                add(errors, "UnresolvedType");
            }
            if (!m.annotationUnresolved()) {
                members.add(m);
                if (m.supertype() != Supertype.UNRESOLVED) {
                    checked.add(m);
                }
            }
        }

        for (MigrationSpec m : checked) {
            if (m.kind() != Kind.CLASS) {
                add(errors, "NotAClass");
                continue;
            }
            if (m.isAbstract()) {
                add(errors, "AbstractMigration");
            }
            if (m.supertype() == Supertype.NONE) {
                add(errors, "NotAJavaMigration");
            }
            if (m.placement() == Placement.NESTED && !m.isStatic()) {
                add(errors, "InnerClass");
            }
        }

        String registryName = null;
        FuzzCase.RegistryOption option = fuzzCase.registryOption();
        if (option != null && option.qualifiedName() == null) {
            add(errors, "InvalidRegistryName");
        } else if (option != null) {
            registryName = option.qualifiedName();
        } else {
            String common = registryPackage(members);
            if (common != null) {
                registryName = FuzzCase.qualify(common, "MigrationRegistry");
            } else if (!members.isEmpty()) {
                add(errors, "NoCommonPackage");
            }
        }
        String registryPackage = registryName == null ? null
                : registryName.substring(0, Math.max(0, registryName.lastIndexOf('.')));
        if (registryPackage != null) {
            for (MigrationSpec m : checked) {
                if (m.kind() == Kind.CLASS && visible(m, registryPackage, fuzzCase)
                        && !constructorUsable(m, registryPackage)) {
                    add(errors, "NoDefaultConstructor");
                }
                if (m.kind() == Kind.CLASS && !visible(m, registryPackage, fuzzCase)) {
                    add(errors, "Inaccessible");
                }
            }
            if (topLevelTypes(fuzzCase).contains(registryName)) {
                add(errors, "RegistryNameTaken");
            }
        }

        graphRules(members, errors, warnings);
        if (late && errors.isEmpty()) {
            add(errors, "LateMigration");
        }

        JavacErrors javacErrors = declarationErrors ? JavacErrors.SOME
                : !bodyErrors ? JavacErrors.NONE
                : errors.isEmpty() ? JavacErrors.SOME
                : JavacErrors.MAYBE;
        String registry = null;
        List<MigrationSpec> order = List.of();
        if (errors.isEmpty() && javacErrors == JavacErrors.NONE) {
            registry = registryName;
            order = applyOrder(members);
        }
        return new Expectation(errors, warnings, javacErrors, true, registry, order, List.copyOf(members), registryName);
    }

    /** The qualified names of the top-level types written by hand (generated ones come too late to matter). */
    private static Set<String> topLevelTypes(FuzzCase fuzzCase) {
        Set<String> names = new HashSet<>();
        names.add(FuzzCase.BASE_PACKAGE + ".FuzzBase");
        names.add(FuzzCase.BASE_PACKAGE + ".FuzzMigration");
        if (fuzzCase.registryNameTaken()) {
            names.add(FuzzCase.BASE_PACKAGE + ".MigrationRegistry");
        }
        if (fuzzCase.bystander() != null) {
            names.add(FuzzCase.BASE_PACKAGE + "." + fuzzCase.bystander());
        }
        for (FuzzCase.Holder holder : fuzzCase.holders()) {
            if (holder.topLevel()) {
                names.add(FuzzCase.qualify(holder.packageName(), holder.path()));
            }
        }
        for (MigrationSpec m : fuzzCase.migrations()) {
            if (m.placement() != Placement.NESTED) {
                names.add(m.qualifiedName());
            }
        }
        return names;
    }

    /** The longest common package of the members, or null when there is none to use. */
    private static String registryPackage(List<MigrationSpec> members) {
        Set<String> packages = new TreeSet<>();
        for (MigrationSpec m : members) {
            packages.add(m.packageName());
        }
        if (packages.size() == 1) {
            return packages.iterator().next();  // even the unnamed package, when all are there
        }
        if (packages.contains(FuzzCase.UNNAMED_PACKAGE)) {
            return null;  // nothing in a named package can refer to the unnamed one
        }
        List<String> common = null;
        for (String name : packages) {
            List<String> segments = Arrays.asList(name.split("\\."));
            if (common == null) {
                common = segments;
            } else {
                int shared = 0;
                while (shared < common.size() && shared < segments.size() && common.get(shared).equals(segments.get(shared))) {
                    shared++;
                }
                common = common.subList(0, shared);
            }
        }
        return common == null || common.isEmpty() ? null : String.join(".", common);
    }

    /** Whether {@code new Type()} may name the class from the registry's package. */
    private static boolean visible(MigrationSpec m, String registryPackage, FuzzCase fuzzCase) {
        boolean samePackage = m.packageName().equals(registryPackage);
        if (m.packageName().isEmpty() && !samePackage) {
            return false;  // a named package cannot refer to the unnamed one
        }
        if (m.access() == Access.PRIVATE || (!samePackage && m.access() != Access.PUBLIC)) {
            return false;
        }
        if (m.placement() == Placement.NESTED) {
            // Every enclosing holder must be visible too.
            for (String path = m.host(); path != null; path = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : null) {
                Access access = holder(fuzzCase, m.packageName(), path).access();
                if (access == Access.PRIVATE || (!samePackage && access != Access.PUBLIC)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static FuzzCase.Holder holder(FuzzCase fuzzCase, String packageName, String path) {
        for (FuzzCase.Holder holder : fuzzCase.holders()) {
            if (holder.path().equals(path) && holder.packageName().equals(packageName)) {
                return holder;
            }
        }
        throw new AssertionError("no holder " + packageName + "." + path);
    }

    /** Whether the registry can call a no-argument constructor that throws no checked exception. */
    private static boolean constructorUsable(MigrationSpec m, String registryPackage) {
        boolean samePackage = m.packageName().equals(registryPackage);
        Constructor constructor = m.constructor();
        if (constructor == Constructor.IMPLICIT) {
            // The default constructor has the class's own access, which visible() already accepted.
            return true;
        }
        return switch (constructor) {
            case PUBLIC, THROWS_UNCHECKED -> true;
            // An exception type that does not resolve is javac's error, not a checked exception.
            case THROWS_UNRESOLVED -> true;
            case PACKAGE, PROTECTED -> samePackage;
            case PRIVATE, ONLY_WITH_ARGUMENTS, THROWS_CHECKED -> false;
            case IMPLICIT -> throw new AssertionError();
        };
    }

    private static void graphRules(List<MigrationSpec> members, Map<String, Integer> errors, Map<String, Integer> warnings) {
        Map<Long, Integer> versionCount = new TreeMap<>();
        for (MigrationSpec m : members) {
            versionCount.merge(m.version(), 1, Integer::sum);
        }
        for (MigrationSpec m : members) {
            if (m.version() <= 0) {
                add(errors, "InvalidVersion");
            }
            if (versionCount.get(m.version()) > 1) {
                add(errors, "DuplicateVersion");
            }
            if (m.dependsOn().contains(m.version())) {
                add(errors, "SelfDependency");
            }
            Set<Long> distinct = new HashSet<>(m.dependsOn());
            for (long dependency : distinct) {
                if (dependency != m.version() && !versionCount.containsKey(dependency)) {
                    add(errors, "UnknownDependency");
                }
            }
            for (int i = 0; i < m.dependsOn().size() - distinct.size(); i++) {
                add(warnings, "RepeatedDependency");
            }
        }
        int cycles = cycleCount(members);
        for (int i = 0; i < cycles; i++) {
            add(errors, "DependencyCycle");
        }
    }

    /**
     * The number of separate loops: groups of two or more migrations that all reach each other.
     * A dependency on a version is a dependency on every migration with that version, except a
     * migration's own version, which is a self-dependency and reported as such.
     */
    private static int cycleCount(List<MigrationSpec> members) {
        int size = members.size();
        boolean[][] reaches = reachability(members);
        boolean[] grouped = new boolean[size];
        int cycles = 0;
        for (int node = 0; node < size; node++) {
            if (grouped[node] || !reaches[node][node]) {
                continue;
            }
            cycles++;
            for (int other = 0; other < size; other++) {
                if (reaches[node][other] && reaches[other][node]) {
                    grouped[other] = true;
                }
            }
        }
        return cycles;
    }

    /** {@code [a][b]}: whether a depends on b through one or more steps. */
    private static boolean[][] reachability(List<MigrationSpec> members) {
        int size = members.size();
        boolean[][] reaches = new boolean[size][size];
        for (int from = 0; from < size; from++) {
            List<Integer> pending = new ArrayList<>(List.of(from));
            while (!pending.isEmpty()) {
                int node = pending.remove(pending.size() - 1);
                for (int to = 0; to < size; to++) {
                    if (!reaches[from][to] && dependsOn(members.get(node), members.get(to))) {
                        reaches[from][to] = true;
                        pending.add(to);
                    }
                }
            }
        }
        return reaches;
    }

    /**
     * What is wrong with a cycle as reported, {@code 10 (Alpha) -> 30 (Gamma) -> 20 (Beta) -> 10 (Alpha)},
     * or null when it is right: every arrow is a declared dependency, no migration appears twice
     * except the first, which closes the loop and has the lowest version of all migrations on
     * any loop through it.
     *
     * @param path the migrations of the path, in order, as found by version and simple name
     */
    static String checkCyclePath(List<MigrationSpec> members, List<MigrationSpec> path) {
        if (path.size() < 3 || path.get(0) != path.get(path.size() - 1)) {
            return "a cycle path must return to its start after at least two steps";
        }
        if (new HashSet<>(path.subList(1, path.size())).size() != path.size() - 1) {
            return "a cycle path visits a migration twice";
        }
        for (int i = 0; i + 1 < path.size(); i++) {
            if (!dependsOn(path.get(i), path.get(i + 1))) {
                return path.get(i).simpleName() + " does not depend on " + path.get(i + 1).simpleName();
            }
        }
        int size = members.size();
        int start = members.indexOf(path.get(0));
        boolean[][] reaches = reachability(members);
        for (int other = 0; other < size; other++) {
            if (reaches[start][other] && reaches[other][start]
                    && members.get(other).version() < members.get(start).version()) {
                return "the cycle does not start at its lowest version " + members.get(other).version();
            }
        }
        return null;
    }

    private static boolean dependsOn(MigrationSpec from, MigrationSpec to) {
        return to.version() != from.version() && from.dependsOn().contains(to.version());
    }

    /** Each migration after its dependencies, the lowest version first whenever there is a choice. */
    private static List<MigrationSpec> applyOrder(List<MigrationSpec> members) {
        List<MigrationSpec> remaining = new ArrayList<>(members);
        remaining.sort(Comparator.comparingLong(MigrationSpec::version));
        List<MigrationSpec> order = new ArrayList<>();
        Set<Long> applied = new HashSet<>();
        while (!remaining.isEmpty()) {
            MigrationSpec next = null;
            for (MigrationSpec candidate : remaining) {
                if (applied.containsAll(candidate.dependsOn())) {
                    next = candidate;
                    break;
                }
            }
            if (next == null) {
                throw new AssertionError("no applicable migration in a case the oracle calls valid: " + remaining);
            }
            remaining.remove(next);
            order.add(next);
            applied.add(next.version());
        }
        return order;
    }

    private static void add(Map<String, Integer> codes, String code) {
        codes.merge(code, 1, Integer::sum);
    }
}
