package dev.cairn.processor.fuzz;

import static dev.cairn.processor.model.RuntimeNames.JAVA_MIGRATION;
import static dev.cairn.processor.model.RuntimeNames.MIGRATION_CONTEXT;

import dev.cairn.processor.fuzz.MigrationSpec.Access;
import dev.cairn.processor.fuzz.MigrationSpec.Kind;
import dev.cairn.processor.fuzz.MigrationSpec.Noise;
import dev.cairn.processor.fuzz.MigrationSpec.Placement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the sources of a {@link FuzzCase}: one file per top-level migration (with the secondary
 * types it hosts), one per holder class, and the shared supertypes. Every reference to a
 * {@code java.lang} or Cairn type is fully qualified, because generated migrations may be named
 * {@code String} or {@code JavaMigration}.
 *
 * <pre>{@code
 * Map<String, String> sources = SourceRenderer.render(fuzzCase);  // qualified type name -> source
 * }</pre>
 */
final class SourceRenderer {

    private SourceRenderer() {
    }

    /** The sources by the qualified name of their file's main type, in a stable order. */
    static Map<String, String> render(FuzzCase fuzzCase) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(FuzzCase.BASE_PACKAGE + ".FuzzBase", "package " + FuzzCase.BASE_PACKAGE + ";\n\n"
                + "/** A base class that makes its subclasses migrations. */\n"
                + "public abstract class FuzzBase implements " + JAVA_MIGRATION + " {\n}\n");
        files.put(FuzzCase.BASE_PACKAGE + ".FuzzMigration", "package " + FuzzCase.BASE_PACKAGE + ";\n\n"
                + "public interface FuzzMigration extends " + JAVA_MIGRATION + " {\n}\n");
        if (fuzzCase.bystander() != null) {
            files.put(FuzzCase.BASE_PACKAGE + "." + fuzzCase.bystander(), "package " + FuzzCase.BASE_PACKAGE + ";\n\n"
                    + "/** Not a migration: only its name matters. */\n"
                    + "public class " + fuzzCase.bystander() + " {\n}\n");
        }
        if (fuzzCase.registryNameTaken()) {
            files.put(FuzzCase.BASE_PACKAGE + ".MigrationRegistry", "package " + FuzzCase.BASE_PACKAGE + ";\n\n"
                    + "public class MigrationRegistry {\n}\n");
        }
        for (MigrationSpec migration : fuzzCase.migrations()) {
            if (migration.placement() == Placement.TOP_LEVEL) {
                StringBuilder file = new StringBuilder(FuzzCase.packageLine(migration.packageName()));
                file.append(type(migration, ""));
                for (MigrationSpec secondary : hostedBy(fuzzCase, migration.packageName(), migration.simpleName())) {
                    file.append('\n').append(type(secondary, ""));
                }
                files.put(migration.qualifiedName(), file.toString());
            }
        }
        for (FuzzCase.Holder holder : fuzzCase.holders()) {
            if (!holder.topLevel()) {
                continue;
            }
            StringBuilder file = new StringBuilder(FuzzCase.packageLine(holder.packageName()));
            file.append(holder(fuzzCase, holder, ""));
            for (MigrationSpec secondary : hostedBy(fuzzCase, holder.packageName(), holder.simpleName())) {
                file.append('\n').append(type(secondary, ""));
            }
            files.put(FuzzCase.qualify(holder.packageName(), holder.simpleName()), file.toString());
        }
        return files;
    }

    /** A holder class with its migrations and the holders nested in it. */
    private static String holder(FuzzCase fuzzCase, FuzzCase.Holder holder, String indent) {
        StringBuilder out = new StringBuilder(indent);
        switch (holder.access()) {
            case PUBLIC -> out.append("public ");
            case PROTECTED -> out.append("protected ");
            case PRIVATE -> out.append("private ");
            case PACKAGE -> { }
        }
        out.append(holder.topLevel() ? "" : "static ").append("class ").append(holder.simpleName()).append(" {\n");
        for (MigrationSpec migration : fuzzCase.migrations()) {
            if (migration.placement() == Placement.NESTED && holder.path().equals(migration.host())
                    && holder.packageName().equals(migration.packageName())) {
                out.append('\n').append(type(migration, indent + "    "));
            }
        }
        for (FuzzCase.Holder nested : fuzzCase.holders()) {
            if (nested.packageName().equals(holder.packageName())
                    && nested.path().equals(holder.path() + "." + nested.simpleName())) {
                out.append('\n').append(holder(fuzzCase, nested, indent + "    "));
            }
        }
        return out.append(indent).append("}\n").toString();
    }

    /**
     * The sources another annotation processor generates in the first round: a base class, the
     * version constants some migrations use, and maybe a migration.
     */
    static Map<String, String> generatedSources(FuzzCase fuzzCase) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(FuzzCase.BASE_PACKAGE + ".GeneratedBase", "package " + FuzzCase.BASE_PACKAGE + ";\n\n"
                + "public abstract class GeneratedBase implements " + JAVA_MIGRATION + " {\n}\n");
        StringBuilder versions = new StringBuilder("package " + FuzzCase.BASE_PACKAGE + ";\n\n"
                + "public final class GeneratedVersions {\n");
        for (MigrationSpec m : fuzzCase.migrations()) {
            if (m.versionForm() == MigrationSpec.VersionForm.GENERATED_CONSTANT) {
                versions.append("    public static final long ").append(m.generatedConstant()).append(" = ")
                        .append(longLiteral(m.version())).append(";\n");
            }
        }
        files.put(FuzzCase.BASE_PACKAGE + ".GeneratedVersions", versions.append("}\n").toString());
        MigrationSpec generated = fuzzCase.generatedMigration();
        if (generated != null) {
            files.put(generated.qualifiedName(), FuzzCase.packageLine(generated.packageName()) + type(generated, ""));
        }
        return files;
    }

    private static List<MigrationSpec> hostedBy(FuzzCase fuzzCase, String packageName, String host) {
        List<MigrationSpec> hosted = new ArrayList<>();
        for (MigrationSpec migration : fuzzCase.migrations()) {
            if (migration.placement() == Placement.SECONDARY && host.equals(migration.host())
                    && packageName.equals(migration.packageName())) {
                hosted.add(migration);
            }
        }
        return hosted;
    }

    /** The annotated type, indented, followed by a broken sibling class when asked for. */
    private static String type(MigrationSpec m, String indent) {
        StringBuilder out = new StringBuilder();
        String name = m.simpleName();
        if (m.deprecated()) {
            out.append(indent).append("@java.lang.Deprecated\n");
        }
        out.append(indent).append("@dev.cairn.Migration(").append(annotationArguments(m)).append(")\n");
        out.append(indent).append(modifiers(m));
        String inner = indent + "    ";
        List<String> members = new ArrayList<>();
        if (m.versionForm() == MigrationSpec.VersionForm.CONSTANT) {
            members.add((m.kind() == Kind.INTERFACE || m.kind() == Kind.ANNOTATION ? "" : "static final ")
                    + "long VERSION = " + longLiteral(m.version()) + ";");
        }
        switch (m.kind()) {
            case INTERFACE -> out.append("interface ").append(name)
                    .append(supertypes(m, "extends", "extends"));
            case ANNOTATION -> out.append("@interface ").append(name);
            case ENUM -> out.append("enum ").append(name).append(supertypes(m, "implements", "implements"));
            case RECORD -> out.append("record ").append(name).append("()").append(supertypes(m, "implements", "implements"));
            case CLASS -> out.append("class ").append(name).append(m.typeParameter() ? "<T>" : "")
                    .append(supertypes(m, "extends", "implements"));
        }
        out.append(" {\n");
        if (m.kind() == Kind.ENUM) {
            out.append(inner).append(";\n");
        }
        if (m.kind() == Kind.CLASS) {
            String constructor = switch (m.constructor()) {
                case IMPLICIT -> null;
                case PUBLIC -> "public " + name + "() {}";
                case PACKAGE -> name + "() {}";
                case PROTECTED -> "protected " + name + "() {}";
                case PRIVATE -> "private " + name + "() {}";
                case ONLY_WITH_ARGUMENTS -> "public " + name + "(java.lang.String name) {}";
                case THROWS_CHECKED -> "public " + name + "() throws java.io.IOException {}";
                case THROWS_UNCHECKED -> "public " + name + "() throws java.lang.IllegalStateException {}";
                case THROWS_UNRESOLVED -> "public " + name + "() throws Missing" + name + "Exception {}";
            };
            if (constructor != null) {
                members.add(constructor);
            }
        }
        if (m.noise().contains(Noise.UNRESOLVED_FIELD)) {
            String type = "Missing" + name + "Type";
            members.add(switch (m.kind()) {
                case INTERFACE, ANNOTATION -> type + " MISSING = null;";
                case RECORD -> "static " + type + " missing;";
                case CLASS, ENUM -> "private " + type + " missing;";
            });
        }
        if (m.kind() == Kind.CLASS || m.kind() == Kind.ENUM || m.kind() == Kind.RECORD) {
            members.add("public void up(" + MIGRATION_CONTEXT + " context) throws java.lang.Exception {\n"
                    + inner + "    context.execute(" + m.sql().replace("\n", "\n" + inner) + ");\n"
                    + inner + "}");
            if (m.reversible()) {
                members.add("public void down(" + MIGRATION_CONTEXT + " context) {\n" + inner + "}");
            }
            if (m.noise().contains(Noise.BODY_ERROR)) {
                members.add("void broken() {\n" + inner + "    int number = \"not a number\";\n" + inner + "}");
            }
            if (m.noise().contains(Noise.SYNTAX_IN_METHOD)) {
                members.add("void broken() {\n" + inner + "    int number = ;\n" + inner + "}");
            }
        } else if (m.noise().contains(Noise.BODY_ERROR) || m.noise().contains(Noise.SYNTAX_IN_METHOD)) {
            // Interfaces and annotation types: a constant initializer is where the error can go.
            members.add(m.noise().contains(Noise.SYNTAX_IN_METHOD) ? "int BROKEN = ;" : "int BROKEN = \"not a number\";");
        }
        for (String member : members) {
            out.append(inner).append(member).append('\n');
        }
        out.append(indent).append("}\n");
        if (m.noise().contains(Noise.SYNTAX_IN_SIBLING_CLASS)) {
            out.append(indent).append("class Broken").append(name).append(" {\n")
                    .append(indent).append("    void run() { if (true) }\n")
                    .append(indent).append("}\n");
        }
        return out.toString();
    }

    private static String modifiers(MigrationSpec m) {
        StringBuilder out = new StringBuilder();
        switch (m.access()) {
            case PUBLIC -> out.append("public ");
            case PROTECTED -> out.append("protected ");
            case PRIVATE -> out.append("private ");
            case PACKAGE -> { }
        }
        if (m.placement() == Placement.NESTED && m.kind() == Kind.CLASS && m.isStatic()) {
            out.append("static ");
        }
        if (m.isAbstract()) {
            out.append("abstract ");
        }
        if (m.isFinal()) {
            out.append("final ");
        }
        assert m.access() != Access.PRIVATE || m.placement() == Placement.NESTED;
        return out.toString();
    }

    private static String supertypes(MigrationSpec m, String classKeyword, String interfaceKeyword) {
        return switch (m.supertype()) {
            case IMPLEMENTS -> " " + interfaceKeyword + " " + JAVA_MIGRATION;
            case VIA_BASE -> " " + classKeyword + " " + FuzzCase.BASE_PACKAGE + ".FuzzBase";
            case GENERATED_BASE -> " " + classKeyword + " " + FuzzCase.BASE_PACKAGE + ".GeneratedBase";
            case VIA_INTERFACE -> " " + interfaceKeyword + " " + FuzzCase.BASE_PACKAGE + ".FuzzMigration";
            case NONE -> "";
            case UNRESOLVED -> " " + classKeyword + " Missing" + m.simpleName() + "Base";
        };
    }

    /** The annotation's arguments in a random but reproducible order (by the version's hash). */
    private static String annotationArguments(MigrationSpec m) {
        List<String> arguments = new ArrayList<>();
        arguments.add("version = " + switch (m.versionForm()) {
            case LITERAL -> longLiteral(m.version());
            case HEX -> "0x" + Long.toHexString(m.version()) + "L";
            case CONSTANT -> m.simpleName() + ".VERSION";
            case GENERATED_CONSTANT -> FuzzCase.BASE_PACKAGE + ".GeneratedVersions." + m.generatedConstant();
            case UNRESOLVED -> "Missing" + m.simpleName() + "Versions.VERSION";
        });
        List<String> entries = new ArrayList<>();
        for (long dependency : m.dependsOn()) {
            entries.add(longLiteral(dependency));
        }
        if (m.unresolvedDependency()) {
            entries.add(entries.size() / 2, "Missing" + m.simpleName() + "Versions.DEPENDENCY");
        }
        switch (m.dependsOnForm()) {
            case OMITTED -> { }
            case SINGLE -> arguments.add("dependsOn = " + entries.get(0));
            case ARRAY -> arguments.add("dependsOn = {" + String.join(", ", entries) + "}");
        }
        if (m.description() != null) {
            arguments.add("description = " + stringLiteral(m.description()));
        }
        if (m.transactional() != null) {
            arguments.add("transactional = " + m.transactional());
        }
        int rotation = (int) Math.floorMod(m.version() * 31 + m.simpleName().length(), (long) arguments.size());
        List<String> rotated = new ArrayList<>(arguments.subList(rotation, arguments.size()));
        rotated.addAll(arguments.subList(0, rotation));
        return String.join(", ", rotated);
    }

    static String longLiteral(long value) {
        if (value == Long.MIN_VALUE) {
            return "-9223372036854775808L";
        }
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? Long.toString(value) : value + "L";
    }

    private static String stringLiteral(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
