package dev.cairn.processor.fuzz;

import java.util.List;

/**
 * One generated compilation: migration types, the holder classes some of them are nested in, and
 * whether a class already takes the registry's default name. Reproducible from {@code seed} and
 * {@code index} alone.
 *
 * <pre>{@code
 * FuzzCase fuzzCase = new CaseGenerator().generate(seed, index);
 * List<JavaFileObject> sources = SourceRenderer.render(fuzzCase);
 * }</pre>
 *
 * @param holders holder classes: simple name, package, and whether public
 */
record FuzzCase(long seed, int index, List<MigrationSpec> migrations, List<Holder> holders, boolean registryNameTaken) {

    /** The package migrations go to by default; the registry lands here unless all are elsewhere. */
    static final String BASE_PACKAGE = "com.example.fuzz";
    static final String SUB_PACKAGE = "com.example.fuzz.sub";
    /** A package that shares no prefix with the others. */
    static final String FOREIGN_PACKAGE = "org.elsewhere.fuzz";

    /** A class that only holds nested migrations. */
    record Holder(String simpleName, String packageName, boolean isPublic) {
    }

    /** A readable dump of the model, printed with the sources when a case fails. */
    String describe() {
        StringBuilder text = new StringBuilder();
        text.append("case ").append(index).append(" of seed ").append(seed)
                .append(registryNameTaken ? " (a class named MigrationRegistry exists in " + BASE_PACKAGE + ")" : "")
                .append('\n');
        for (Holder holder : holders) {
            text.append("  ").append(holder).append('\n');
        }
        for (MigrationSpec migration : migrations) {
            text.append("  ").append(migration).append('\n');
        }
        return text.toString();
    }
}
