package dev.cairn.processor.fuzz;

import dev.cairn.processor.fuzz.MigrationSpec.Access;
import dev.cairn.processor.fuzz.MigrationSpec.Constructor;
import dev.cairn.processor.fuzz.MigrationSpec.DependsOnForm;
import dev.cairn.processor.fuzz.MigrationSpec.Kind;
import dev.cairn.processor.fuzz.MigrationSpec.Noise;
import dev.cairn.processor.fuzz.MigrationSpec.Placement;
import dev.cairn.processor.fuzz.MigrationSpec.Supertype;
import dev.cairn.processor.fuzz.MigrationSpec.VersionForm;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates random compilations of migrations. A case starts as a valid graph (a random DAG with
 * branches and merges over well-formed classes, written in varied but legal ways) and then gets
 * zero to three {@link Defect defects}, each applied to a random migration; two defects may hit
 * the same migration. The generator only decides; {@link Oracle} independently works out what
 * the processor must report for the result.
 *
 * <pre>{@code
 * FuzzCase fuzzCase = new CaseGenerator().generate(42L, 7);  // always the same case
 * }</pre>
 */
final class CaseGenerator {

    /** What can go wrong in a case. Syntax errors are rarer: the processor does not run at all then. */
    enum Defect {
        DUPLICATE_VERSION, ZERO_VERSION, NEGATIVE_VERSION, CYCLE, SELF_DEPENDENCY, MISSING_DEPENDENCY,
        REPEATED_DEPENDENCY, ABSTRACT, NOT_A_JAVA_MIGRATION, INNER_CLASS, NOT_A_CLASS, PRIVATE_NESTED,
        NOT_PUBLIC_IN_OTHER_PACKAGE, NO_NO_ARGUMENT_CONSTRUCTOR, PRIVATE_CONSTRUCTOR,
        NOT_PUBLIC_CONSTRUCTOR_IN_OTHER_PACKAGE, THROWING_CONSTRUCTOR, UNRESOLVED_FIELD, UNRESOLVED_SUPERTYPE,
        UNRESOLVED_VERSION, UNRESOLVED_DEPENDENCY, UNRESOLVED_THROWS, BODY_ERROR, SYNTAX_ERROR,
        NO_COMMON_PACKAGE, REGISTRY_NAME_TAKEN, UNNAMED_PACKAGE
    }

    /**
     * Simple names that clash with what the generated registry uses or imports (java.lang types,
     * runtime types, its own nested classes), to check that it still refers to the right classes.
     */
    private static final List<String> TRICKY_NAMES = List.of(
            "String", "Long", "Object", "Override", "Deprecated", "List", "ArrayList", "Optional", "Collections",
            "IndexOutOfBoundsException", "Registry", "MigrationDescriptor", "MigrationFactory", "JavaMigration",
            "MigrationContext", "Migrator", "MigrationReport", "DataSource", "Generated", "SuppressWarnings",
            "Chunk0", "Chunk1", "Factory", "Descriptors", "INSTANCE", "FINGERPRINT", "Migration", "System");

    /** Descriptions that need escaping in generated code. */
    private static final List<String> DESCRIPTIONS = List.of(
            "Create users", "with \"quotes\"", "back\\slash", "tab\tand\nnewline", "unicode \u00e9 \u2603 \ud83d\ude80",
            "$dollar {braces} %s $L $S", "*/ not a comment end", "trailing space ", "  ");

    /** SQL bodies; their literals contain comment markers the checksum tokenizer must not take for comments. */
    private static final List<String> SQL = List.of(
            "\"SELECT 1\"",
            "\"SELECT '/* not a comment */' -- nor this\"",
            "\"SELECT \\\"x\\\" // still a string\"",
            "\"\"\"\n            SELECT '\"\"' /* text block */\n            \"\"\"",
            "java.lang.String.valueOf('\\'') + \"\\\\\"");

    /** Values of -Acairn.registry, each with the registry name it means, or null for one to reject. */
    private static final List<FuzzCase.RegistryOption> REGISTRY_OPTIONS = List.of(
            new FuzzCase.RegistryOption("com.example.fuzz.CustomRegistry", "com.example.fuzz.CustomRegistry"),
            new FuzzCase.RegistryOption("com.example.fuzz.db.Migrations", "com.example.fuzz.db.Migrations"),
            new FuzzCase.RegistryOption("com.example.fuzz.Registry", "com.example.fuzz.Registry"),
            new FuzzCase.RegistryOption("com.example.fuzz.MigrationRegistry", "com.example.fuzz.MigrationRegistry"),
            new FuzzCase.RegistryOption(" org.elsewhere.fuzz.Registry ", "org.elsewhere.fuzz.Registry"),
            new FuzzCase.RegistryOption("MigrationRegistry", null),
            new FuzzCase.RegistryOption("com.example.", null),
            new FuzzCase.RegistryOption("com..Registry", null),
            new FuzzCase.RegistryOption("1com.Registry", null),
            new FuzzCase.RegistryOption("com.example.class", null));

    private Random random;
    /** Whether migrations of this case may use types another processor generates. */
    private boolean usesGenerated;

    /** The case {@code index} of {@code seed}: the same arguments always give the same case. */
    FuzzCase generate(long seed, int index) {
        random = new Random(seed * 0x9E3779B97F4A7C15L + index * 0xC2B2AE3D27D4EB4FL + 17);
        int size = size();
        List<Draft> drafts = new ArrayList<>();
        Set<String> usedNames = new HashSet<>();
        boolean trickyNames = random.nextInt(6) == 0;
        usesGenerated = random.nextInt(4) == 0;
        for (int i = 0; i < size; i++) {
            drafts.add(baseline(i, trickyNames, usedNames));
        }
        if (random.nextInt(25) == 0) {
            // Everything in the unnamed package: legal, and the registry goes there too.
            for (Draft draft : drafts) {
                draft.packageName = FuzzCase.UNNAMED_PACKAGE;
            }
        }
        assignVersions(drafts);
        int[][] edges = randomDag(drafts.size());

        boolean registryNameTaken = false;
        List<Defect> defects = new ArrayList<>();
        if (random.nextInt(10) >= 4) {
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                defects.add(randomDefect());
            }
        }
        List<int[]> extraEdges = new ArrayList<>();
        for (Defect defect : defects) {
            if (defect == Defect.REGISTRY_NAME_TAKEN) {
                registryNameTaken = true;
            } else {
                apply(defect, drafts, extraEdges);
            }
        }
        // Dependencies are written as versions, after the defects changed some versions.
        for (int node = 0; node < drafts.size(); node++) {
            for (int target : edges[node]) {
                drafts.get(node).dependsOn.add(drafts.get(target).version);
            }
        }
        for (int[] edge : extraEdges) {
            drafts.get(edge[0]).dependsOn.add(drafts.get(edge[1]).version);
        }
        for (Draft draft : drafts) {
            if (draft.selfDependency) {
                draft.dependsOn.add(random.nextInt(draft.dependsOn.size() + 1), draft.version);
            }
            if (draft.missingDependency != null) {
                draft.dependsOn.add(random.nextInt(draft.dependsOn.size() + 1), draft.missingDependency);
            }
            if (draft.repeatDependency && !draft.dependsOn.isEmpty()) {
                draft.dependsOn.add(draft.dependsOn.get(random.nextInt(draft.dependsOn.size())));
            }
        }
        MigrationSpec generatedMigration = random.nextInt(10) == 0 ? generatedMigration(drafts) : null;
        Collections.shuffle(drafts, random);
        List<FuzzCase.Holder> holders = place(drafts);
        List<MigrationSpec> migrations = new ArrayList<>();
        for (Draft draft : drafts) {
            migrations.add(draft.toSpec());
        }
        FuzzCase.RegistryOption option = random.nextInt(8) == 0
                ? REGISTRY_OPTIONS.get(random.nextInt(REGISTRY_OPTIONS.size())) : null;
        String bystander = null;
        if (random.nextInt(7) == 0) {
            String name = TRICKY_NAMES.get(random.nextInt(TRICKY_NAMES.size()));
            boolean free = holders.stream().noneMatch(h -> h.simpleName().equals(name))
                    && migrations.stream().noneMatch(m -> m.simpleName().equals(name));
            bystander = free ? name : null;
        }
        return new FuzzCase(seed, index, List.copyOf(migrations), holders, registryNameTaken, option,
                generatedMigration, random.nextBoolean(), bystander);
    }

    /** A well-formed migration with a fresh version, maybe depending on one of the others. */
    private MigrationSpec generatedMigration(List<Draft> drafts) {
        Draft draft = new Draft();
        draft.simpleName = "GeneratedMigration";
        draft.packageName = FuzzCase.BASE_PACKAGE;
        draft.placement = Placement.TOP_LEVEL;
        draft.access = Access.PUBLIC;
        draft.supertype = Supertype.IMPLEMENTS;
        draft.constructor = Constructor.IMPLICIT;
        draft.versionForm = VersionForm.LITERAL;
        draft.version = 777_000L + random.nextInt(1000);
        draft.sql = SQL.get(0);
        if (random.nextBoolean()) {
            draft.dependsOn.add(drafts.get(random.nextInt(drafts.size())).version);
        }
        return draft.toSpec();
    }

    /** 1 to 30 migrations, mostly few: small cases are fast and their failures easy to read. */
    private int size() {
        int roll = random.nextInt(10);
        if (roll < 6) {
            return 1 + random.nextInt(8);
        }
        return roll < 9 ? 9 + random.nextInt(12) : 21 + random.nextInt(10);
    }

    private Defect randomDefect() {
        Defect[] all = Defect.values();
        Defect defect = all[random.nextInt(all.length)];
        // Syntax errors stop javac before annotation processing; a few are enough.
        if (defect == Defect.SYNTAX_ERROR && random.nextInt(3) != 0) {
            defect = all[random.nextInt(all.length)];
        }
        return defect;
    }

    /** A well-formed migration: any variation here must stay legal. */
    private Draft baseline(int i, boolean trickyNames, Set<String> usedNames) {
        Draft draft = new Draft();
        draft.packageName = random.nextInt(5) == 0 ? FuzzCase.SUB_PACKAGE : FuzzCase.BASE_PACKAGE;
        String name = String.format("Mig%02d", i);
        if (trickyNames && random.nextBoolean()) {
            String tricky = TRICKY_NAMES.get(random.nextInt(TRICKY_NAMES.size()));
            if (usedNames.add(tricky)) {
                name = tricky;
            }
        }
        draft.simpleName = name;
        int placement = random.nextInt(20);
        draft.placement = placement < 13 ? Placement.TOP_LEVEL : placement < 18 ? Placement.NESTED : Placement.SECONDARY;
        // Package-private is fine in the registry's package, which is the base package whenever
        // one migration is there, and the package of all migrations otherwise.
        boolean mayBePackagePrivate = draft.packageName.equals(FuzzCase.BASE_PACKAGE);
        draft.access = mayBePackagePrivate && random.nextInt(4) == 0 ? Access.PACKAGE : Access.PUBLIC;
        if (draft.placement == Placement.SECONDARY) {
            draft.access = Access.PACKAGE;
            if (!mayBePackagePrivate) {
                draft.placement = Placement.TOP_LEVEL;
                draft.access = Access.PUBLIC;
            }
        }
        draft.isFinal = random.nextInt(4) == 0;
        draft.typeParameter = random.nextInt(15) == 0;
        draft.deprecated = random.nextInt(20) == 0;
        int supertype = random.nextInt(10);
        draft.supertype = supertype < 7 ? Supertype.IMPLEMENTS : supertype < 9 ? Supertype.VIA_BASE : Supertype.VIA_INTERFACE;
        if (usesGenerated && random.nextInt(3) == 0) {
            draft.supertype = Supertype.GENERATED_BASE;
        }
        int constructor = random.nextInt(20);
        draft.constructor = constructor < 12 ? Constructor.IMPLICIT : constructor < 17 ? Constructor.PUBLIC
                : constructor < 18 ? Constructor.THROWS_UNCHECKED
                : mayBePackagePrivate ? Constructor.PACKAGE : Constructor.PUBLIC;
        int form = random.nextInt(10);
        draft.versionForm = form < 7 ? VersionForm.LITERAL : form < 8 ? VersionForm.HEX : VersionForm.CONSTANT;
        if (usesGenerated && random.nextInt(3) == 0) {
            draft.versionForm = VersionForm.GENERATED_CONSTANT;
        }
        draft.description = random.nextInt(4) == 0 ? DESCRIPTIONS.get(random.nextInt(DESCRIPTIONS.size())) : null;
        draft.transactional = random.nextInt(4) == 0 ? random.nextBoolean() : null;
        draft.reversible = random.nextInt(5) == 0;
        draft.sql = SQL.get(random.nextInt(SQL.size()));
        return draft;
    }

    /** Distinct positive versions: consecutive, sparse, or timestamps, in random order. */
    private void assignVersions(List<Draft> drafts) {
        List<Long> versions = new ArrayList<>();
        int scheme = random.nextInt(4);
        Set<Long> used = new HashSet<>();
        while (versions.size() < drafts.size()) {
            long version = switch (scheme) {
                case 0, 1 -> versions.size() + 1L;
                case 2 -> 1 + random.nextInt(200);
                default -> 20250101000000L + random.nextInt(1_000_000) * 100L;
            };
            if (used.add(version)) {
                versions.add(version);
            }
        }
        if (random.nextInt(50) == 0) {
            versions.set(0, Long.MAX_VALUE);
        }
        Collections.shuffle(versions, random);
        for (int i = 0; i < drafts.size(); i++) {
            drafts.get(i).version = versions.get(i);
        }
    }

    /**
     * A random DAG: nodes in a random order, each depending on up to three earlier ones (recent
     * ones more likely, which makes chains), some roots, so there are branches and merges.
     */
    private int[][] randomDag(int size) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        int[][] edges = new int[size][];
        for (int position = 0; position < size; position++) {
            int node = order.get(position);
            Set<Integer> targets = new HashSet<>();
            if (position > 0 && random.nextInt(7) != 0) {
                int roll = random.nextInt(20);
                int count = roll < 13 ? 1 : roll < 18 ? 2 : 3;
                for (int k = 0; k < count; k++) {
                    int back = Math.min(position, 1 + (int) Math.abs(random.nextGaussian() * 3));
                    targets.add(order.get(random.nextBoolean() ? position - back : random.nextInt(position)));
                }
            }
            List<Integer> sorted = new ArrayList<>(targets);
            Collections.shuffle(sorted, random);
            edges[node] = sorted.stream().mapToInt(Integer::intValue).toArray();
        }
        return edges;
    }

    private void apply(Defect defect, List<Draft> drafts, List<int[]> extraEdges) {
        int size = drafts.size();
        Draft target = drafts.get(random.nextInt(size));
        switch (defect) {
            case DUPLICATE_VERSION -> {
                if (size > 1) {
                    Draft other = drafts.get(random.nextInt(size));
                    target.version = other.version;
                }
            }
            case ZERO_VERSION -> target.version = 0;
            case NEGATIVE_VERSION -> target.version = random.nextInt(8) == 0 ? Long.MIN_VALUE : -1 - random.nextInt(5);
            case CYCLE -> {
                if (size > 1) {
                    List<Integer> nodes = new ArrayList<>();
                    for (int i = 0; i < size; i++) {
                        nodes.add(i);
                    }
                    Collections.shuffle(nodes, random);
                    int length = 2 + random.nextInt(Math.min(5, size) - 1);
                    for (int i = 0; i < length; i++) {
                        extraEdges.add(new int[] {nodes.get(i), nodes.get((i + 1) % length)});
                    }
                }
            }
            case SELF_DEPENDENCY -> target.selfDependency = true;
            case MISSING_DEPENDENCY -> target.missingDependency = 900_000L + random.nextInt(1000);
            case REPEATED_DEPENDENCY -> target.repeatDependency = true;
            case ABSTRACT -> {
                target.kind = Kind.CLASS;
                target.isAbstract = true;
            }
            case NOT_A_JAVA_MIGRATION -> target.supertype = Supertype.NONE;
            case INNER_CLASS -> {
                target.kind = Kind.CLASS;
                target.placement = Placement.NESTED;
                target.isStatic = false;
            }
            case NOT_A_CLASS -> {
                Kind[] kinds = {Kind.INTERFACE, Kind.ENUM, Kind.ANNOTATION, Kind.RECORD};
                target.kind = kinds[random.nextInt(kinds.length)];
            }
            case PRIVATE_NESTED -> {
                target.placement = Placement.NESTED;
                target.access = Access.PRIVATE;
            }
            case NOT_PUBLIC_IN_OTHER_PACKAGE -> {
                target.packageName = FuzzCase.SUB_PACKAGE;
                target.access = random.nextBoolean() ? Access.PACKAGE : Access.PROTECTED;
                if (target.access == Access.PROTECTED) {
                    target.placement = Placement.NESTED;
                }
                // The registry goes to the base package only when some migration is there.
                Draft other = drafts.get(random.nextInt(size));
                if (other != target) {
                    other.packageName = FuzzCase.BASE_PACKAGE;
                }
            }
            case NO_NO_ARGUMENT_CONSTRUCTOR -> target.constructor = Constructor.ONLY_WITH_ARGUMENTS;
            case PRIVATE_CONSTRUCTOR -> target.constructor = Constructor.PRIVATE;
            case NOT_PUBLIC_CONSTRUCTOR_IN_OTHER_PACKAGE -> {
                target.packageName = FuzzCase.SUB_PACKAGE;
                target.access = Access.PUBLIC;
                target.constructor = random.nextBoolean() ? Constructor.PACKAGE : Constructor.PROTECTED;
                Draft other = drafts.get(random.nextInt(size));
                if (other != target) {
                    other.packageName = FuzzCase.BASE_PACKAGE;
                }
            }
            case THROWING_CONSTRUCTOR -> target.constructor = Constructor.THROWS_CHECKED;
            case UNRESOLVED_FIELD -> target.noise.add(Noise.UNRESOLVED_FIELD);
            case UNRESOLVED_SUPERTYPE -> target.supertype = Supertype.UNRESOLVED;
            case UNRESOLVED_VERSION -> target.versionForm = VersionForm.UNRESOLVED;
            case UNRESOLVED_DEPENDENCY -> target.unresolvedDependency = true;
            case UNRESOLVED_THROWS -> target.constructor = Constructor.THROWS_UNRESOLVED;
            case BODY_ERROR -> target.noise.add(Noise.BODY_ERROR);
            case SYNTAX_ERROR -> target.noise.add(random.nextBoolean() ? Noise.SYNTAX_IN_METHOD : Noise.SYNTAX_IN_SIBLING_CLASS);
            case NO_COMMON_PACKAGE -> {
                target.packageName = FuzzCase.FOREIGN_PACKAGE;
                target.placement = Placement.TOP_LEVEL;
                target.access = Access.PUBLIC;
            }
            case UNNAMED_PACKAGE -> {
                target.packageName = FuzzCase.UNNAMED_PACKAGE;
                target.placement = Placement.TOP_LEVEL;
                target.access = Access.PUBLIC;
            }
            case REGISTRY_NAME_TAKEN -> throw new AssertionError("a case-wide defect");
        }
    }

    /**
     * Makes the combination legal Java (whatever the defects did) and decides which holder or
     * file each nested or secondary type goes to.
     */
    private List<FuzzCase.Holder> place(List<Draft> drafts) {
        for (Draft draft : drafts) {
            if (draft.kind != Kind.CLASS) {
                draft.isAbstract = false;
                draft.isFinal = false;
                draft.isStatic = true;
                draft.typeParameter = false;
                draft.constructor = Constructor.IMPLICIT;
                if (draft.kind == Kind.ANNOTATION) {
                    draft.supertype = Supertype.NONE;
                } else if (draft.supertype == Supertype.VIA_BASE || draft.supertype == Supertype.GENERATED_BASE) {
                    draft.supertype = Supertype.IMPLEMENTS;
                }
            }
            if (draft.isAbstract) {
                draft.isFinal = false;
            }
            if (draft.access == Access.PROTECTED || draft.access == Access.PRIVATE || !draft.isStatic) {
                draft.placement = Placement.NESTED;
            }
            if (draft.placement == Placement.SECONDARY && draft.access != Access.PACKAGE) {
                draft.placement = Placement.TOP_LEVEL;
            }
        }
        Map<String, List<FuzzCase.Holder>> holdersByPackage = new LinkedHashMap<>();
        List<FuzzCase.Holder> holders = new ArrayList<>();
        for (Draft draft : drafts) {
            if (draft.placement != Placement.NESTED) {
                continue;
            }
            List<FuzzCase.Holder> inPackage = holdersByPackage.computeIfAbsent(draft.packageName, p -> new ArrayList<>());
            if (inPackage.isEmpty() || random.nextInt(3) == 0) {
                String name = "Holder" + holders.size();
                FuzzCase.Holder holder;
                if (!inPackage.isEmpty() && random.nextInt(3) == 0) {
                    // Nested in another holder, with any access (private or, in another package
                    // than the registry's, non-public makes its migrations inaccessible).
                    FuzzCase.Holder parent = inPackage.get(random.nextInt(inPackage.size()));
                    Access[] accesses = {Access.PUBLIC, Access.PUBLIC, Access.PUBLIC, Access.PACKAGE, Access.PROTECTED,
                        Access.PRIVATE};
                    holder = new FuzzCase.Holder(parent.path() + "." + name, draft.packageName,
                            accesses[random.nextInt(accesses.length)]);
                } else {
                    // A package-private holder hides its members from other packages: only in the base package.
                    boolean isPublic = !draft.packageName.equals(FuzzCase.BASE_PACKAGE) || random.nextInt(4) != 0;
                    holder = new FuzzCase.Holder(name, draft.packageName, isPublic ? Access.PUBLIC : Access.PACKAGE);
                }
                inPackage.add(holder);
                holders.add(holder);
            }
            draft.host = inPackage.get(random.nextInt(inPackage.size())).path();
        }
        for (Draft draft : drafts) {
            if (draft.placement != Placement.SECONDARY) {
                continue;
            }
            List<String> hosts = new ArrayList<>();
            for (Draft other : drafts) {
                if (other.placement == Placement.TOP_LEVEL && other.packageName.equals(draft.packageName)) {
                    hosts.add(other.simpleName);
                }
            }
            if (hosts.isEmpty()) {
                draft.placement = Placement.TOP_LEVEL;
            } else {
                draft.host = hosts.get(random.nextInt(hosts.size()));
            }
        }
        // Names must be unique per package (a nested class may not share its holder's name either).
        Set<String> taken = new HashSet<>();
        for (FuzzCase.Holder holder : holders) {
            taken.add(holder.packageName() + "." + holder.simpleName());  // simple names are unique anyway
        }
        for (Draft draft : drafts) {
            String base = draft.simpleName;
            for (int k = 2; !taken.add(draft.packageName + "." + draft.simpleName); k++) {
                draft.simpleName = base + "_" + k;
            }
        }
        return List.copyOf(holders);
    }

    /** A migration while the generator is still deciding. */
    private static final class Draft {
        String simpleName;
        String packageName;
        Placement placement;
        String host;
        Kind kind = Kind.CLASS;
        Access access;
        boolean isStatic = true;
        boolean isAbstract;
        boolean isFinal;
        boolean typeParameter;
        boolean deprecated;
        Supertype supertype;
        Constructor constructor;
        long version;
        VersionForm versionForm;
        final List<Long> dependsOn = new ArrayList<>();
        boolean selfDependency;
        Long missingDependency;
        boolean repeatDependency;
        boolean unresolvedDependency;
        String description;
        Boolean transactional;
        boolean reversible;
        String sql;
        final Set<Noise> noise = EnumSet.noneOf(Noise.class);

        MigrationSpec toSpec() {
            DependsOnForm form = dependsOn.isEmpty() && !unresolvedDependency
                    ? (simpleName.hashCode() % 2 == 0 ? DependsOnForm.OMITTED : DependsOnForm.ARRAY)
                    : dependsOn.size() == 1 && !unresolvedDependency && version % 2 == 0 ? DependsOnForm.SINGLE
                    : DependsOnForm.ARRAY;
            return new MigrationSpec(simpleName, packageName, placement, host, kind, access, isStatic, isAbstract,
                    isFinal, typeParameter, deprecated, supertype, constructor, version, versionForm,
                    List.copyOf(dependsOn), form, unresolvedDependency, description, transactional, reversible, sql,
                    Collections.unmodifiableSet(EnumSet.copyOf(noise)));
        }
    }
}
