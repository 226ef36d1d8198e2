package dev.cairn.processor.codegen;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import dev.cairn.processor.model.MigrationModel;
import dev.cairn.processor.model.RuntimeNames;
import dev.cairn.processor.model.Version;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Generates the source of the registry class from migrations in topological order.
 *
 * <p>Shape of the output, chosen for scale: each nested {@code ChunkN} class holds the data of at
 * most {@value #MAX_CHUNK_SIZE} migrations as parallel array literals, turned into descriptors by
 * one loop (javac compiles literals far faster than a constructor call per migration). There are
 * chunks because one method may hold only 64 KB of bytecode and one class only 65,535 constant
 * pool entries; 10,000 migrations fit easily. The factory is a plain {@code switch} of {@code new}
 * expressions per chunk, not one lambda per migration, so startup links no call sites and a
 * migration class is loaded only when {@code MigrationDescriptor.newInstance()} runs it.
 *
 * <pre>{@code
 * JavaFile file = new RegistryWriter(options).write(location, orderedMigrations);
 * file.writeTo(filer);
 * }</pre>
 */
public final class RegistryWriter {

    /** Most migrations per chunk class. */
    static final int MAX_CHUNK_SIZE = 500;

    /** Estimated bytecode budget of one chunk's descriptor method, well below the 64 KB limit. */
    private static final int CHUNK_CODE_BUDGET = 30_000;

    private static final ClassName REGISTRY = ClassName.bestGuess(RuntimeNames.REGISTRY);
    private static final ClassName DESCRIPTOR = ClassName.bestGuess(RuntimeNames.MIGRATION_DESCRIPTOR);
    private static final ClassName FACTORY = ClassName.bestGuess(RuntimeNames.MIGRATION_FACTORY);
    private static final ClassName SCRIPT_RESOURCES = ClassName.bestGuess(RuntimeNames.SCRIPT_RESOURCES);
    private static final ClassName INPUT_STREAM = ClassName.get("java.io", "InputStream");
    private static final ClassName COMPILED_SCRIPTS = ClassName.bestGuess(RuntimeNames.COMPILED_SCRIPTS);
    private static final ClassName URL = ClassName.get("java.net", "URL");
    /** The runtime's entry point for generated code: it describes and creates migrations. */
    private static final ClassName GENERATED_MIGRATIONS = ClassName.bestGuess(RuntimeNames.GENERATED_MIGRATIONS);
    private static final ClassName JAVA_MIGRATION = ClassName.bestGuess(RuntimeNames.JAVA_MIGRATION);
    private static final ClassName MIGRATOR = ClassName.bestGuess(RuntimeNames.MIGRATOR);
    private static final ClassName REPORT = ClassName.bestGuess(RuntimeNames.MIGRATION_REPORT);
    private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    private static final TypeName DESCRIPTOR_LIST = ParameterizedTypeName.get(ClassName.get(List.class), DESCRIPTOR);
    private static final String PROCESSOR = "dev.cairn.processor.MigrationProcessor";
    private static final ClassName STRING = ClassName.get(String.class);
    /**
     * The java.lang types the registry names by their simple name. A type of the same name in the
     * registry's package would hide one of them, so those are written fully qualified; anything
     * new from java.lang that this class emits must be added here (the fuzz tests try each name).
     */
    private static final Set<String> JAVA_LANG_TYPES_USED =
            Set.of("String", "Override", "SuppressWarnings", "IndexOutOfBoundsException");
    /** Bits of a chunk's FLAGS entry. */
    private static final int TRANSACTIONAL = 1;
    private static final int REVERSIBLE = 2;
    private static final int SQL = 4;
    private static final int BATCHED = 8;

    /** What the compilation offers, which decides optional parts of the output. */
    public static final class Options {
        final boolean generatedAnnotation;
        final boolean migrateMethod;
        final Set<String> packageTypeNames;
        final boolean compiledScripts;
        final boolean scriptStamps;

        /**
         * @param generatedAnnotation whether {@code javax.annotation.processing.Generated} exists
         *     (compiling for Java 9 or later)
         * @param migrateMethod whether {@code dev.cairn.runtime.Migrator} is on the classpath
         */
        public Options(boolean generatedAnnotation, boolean migrateMethod) {
            this(generatedAnnotation, migrateMethod, Set.of());
        }

        /**
         * @param packageTypeNames simple names of all types in the registry's package. The
         *     registry's own nested classes avoid them (in the unnamed package a migration hidden
         *     by a nested class of the same name could not be named at all), and the
         *     {@code java.lang} types it uses are written fully qualified when one of them hides
         *     them (a class {@code String} next to the registry)
         */
        public Options(boolean generatedAnnotation, boolean migrateMethod, Set<String> packageTypeNames) {
            this(generatedAnnotation, migrateMethod, packageTypeNames, true);
        }

        /**
         * @param compiledScripts whether the runtime on the class path has
         *     {@code dev.cairn.runtime.generated.CompiledScripts}: a registry with SQL migrations
         *     then implements it, so that the runtime refuses it once its scripts changed
         */
        public Options(boolean generatedAnnotation, boolean migrateMethod, Set<String> packageTypeNames,
                boolean compiledScripts) {
            this(generatedAnnotation, migrateMethod, packageTypeNames, compiledScripts, compiledScripts);
        }

        /**
         * @param scriptStamps whether the runtime's {@code GeneratedMigrations.sqlScript} takes each
         *     script's stamp (size and CRC-32 of its bytes), which lets the stale-registry check
         *     accept a byte-identical script without reading it; a runtime older than this processor
         *     gets the call without them
         */
        public Options(boolean generatedAnnotation, boolean migrateMethod, Set<String> packageTypeNames,
                boolean compiledScripts, boolean scriptStamps) {
            this.generatedAnnotation = generatedAnnotation;
            this.migrateMethod = migrateMethod;
            this.packageTypeNames = Set.copyOf(packageTypeNames);
            this.compiledScripts = compiledScripts;
            this.scriptStamps = scriptStamps;
        }
    }

    /** Names of the registry's nested classes, {@code Descriptors}, {@code Factory}, {@code Chunk0}..., made free. */
    private static final class NestedNames {
        final String descriptors;
        final String factory;
        final String repeatables;
        final String chunkPrefix;

        NestedNames(Set<String> taken) {
            this.descriptors = free("Descriptors", taken);
            this.factory = free("Factory", taken);
            this.repeatables = free("Repeatables", taken);
            String prefix = "Chunk";
            while (takesChunkName(prefix, taken)) {
                prefix += "_";
            }
            this.chunkPrefix = prefix;
        }

        private static String free(String name, Set<String> taken) {
            String free = name;
            while (taken.contains(free)) {
                free += "_";
            }
            return free;
        }

        private static boolean takesChunkName(String prefix, Set<String> taken) {
            for (String name : taken) {
                if (name.startsWith(prefix) && name.length() > prefix.length()
                        && name.substring(prefix.length()).chars().allMatch(Character::isDigit)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final Options options;

    public RegistryWriter(Options options) {
        this.options = options;
    }

    /** The registry's source file for {@code migrations}, already in topological order. */
    public JavaFile write(RegistryLocation location, List<MigrationModel> migrations) {
        return write(location, migrations, Set.of());
    }

    /**
     * The registry's source file for {@code migrations}, already in topological order, whose SQL
     * scripts came from {@code scriptFolders} (and {@code @SqlMigration}s).
     */
    public JavaFile write(RegistryLocation location, List<MigrationModel> migrations, Set<String> scriptFolders) {
        return write(location, migrations, scriptFolders, List.of());
    }

    /**
     * The registry's source file for {@code migrations}, already in topological order, whose SQL
     * scripts came from {@code scriptFolders} (and {@code @SqlMigration}s), with the repeatable
     * scripts {@code repeatables}, ordered by description. Without repeatables the output is the
     * same as before they existed: no {@code repeatables()} method, the same fingerprint.
     */
    public JavaFile write(RegistryLocation location, List<MigrationModel> migrations, Set<String> scriptFolders,
            List<MigrationModel> repeatables) {
        ClassName registry = ClassName.get(location.packageName(), location.simpleName());
        List<List<MigrationModel>> chunks = chunk(migrations);
        NestedNames names = new NestedNames(options.packageTypeNames);

        TypeSpec.Builder type = TypeSpec.classBuilder(registry)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(REGISTRY)
                .addJavadoc(classJavadoc(registry, migrations));
        // java.lang types are used by simple name, which a same-package type of that name would hide.
        type.alwaysQualify(options.packageTypeNames.stream()
                .filter(JAVA_LANG_TYPES_USED::contains).sorted().toArray(String[]::new));
        if (options.generatedAnnotation) {
            type.addAnnotation(AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build());
        }
        for (MigrationModel migration : migrations) {
            // For a SQL migration: the type or package-info that declares it.
            type.addOriginatingElement(migration.element());
        }
        for (MigrationModel repeatable : repeatables) {
            type.addOriginatingElement(repeatable.element());
        }
        type.addField(FieldSpec.builder(registry, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The only instance. Creating it builds nothing: descriptors are built on first use.\n")
                .initializer("new $T()", registry)
                .build());
        type.addField(FieldSpec.builder(String.class, "FINGERPRINT", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$S", RegistryFingerprint.of(migrations, repeatables))
                .build());

        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());

        type.addMethod(MethodSpec.methodBuilder("migrations")
                .addJavadoc("Every migration, each after its dependencies, ties broken by ascending version.\n"
                        + "The list is built on first use; reading it loads no migration class.\n")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(DESCRIPTOR_LIST)
                .addStatement("return $L.ALL", names.descriptors)
                .build());

        type.addMethod(MethodSpec.methodBuilder("fingerprint")
                .addJavadoc("A digest of every migration's version, dependencies, flags and checksum, computed at\n"
                        + "compile time: the runtime's up-to-date check compares it with one history row.\n")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(Optional.class, String.class))
                .addStatement("return $T.of(FINGERPRINT)", Optional.class)
                .build());

        if (!repeatables.isEmpty()) {
            type.addMethod(MethodSpec.methodBuilder("repeatables")
                    .addJavadoc("The repeatable scripts ({@code R__name.sql}) by description, each applied after the versions it\n"
                            + "depends on and again whenever its checksum changes. Built on first use.\n")
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(DESCRIPTOR_LIST)
                    .addStatement("return $L.ALL", names.repeatables)
                    .build());
        }
        if (options.migrateMethod) {
            type.addMethod(migrateMethod(registry));
        }
        if (options.compiledScripts && (hasSql(migrations) || !scriptFolders.isEmpty() || !repeatables.isEmpty())) {
            addCompiledScripts(type, registry, scriptFolders);
        }
        type.addType(descriptorsHolder(migrations.size(), chunks.size(), names));
        type.addType(factory(registry, chunks, names, migrations.size(), repeatables));
        if (!repeatables.isEmpty()) {
            type.addType(repeatablesHolder(migrations.size(), repeatables, names));
        }
        int first = 0;
        for (int chunk = 0; chunk < chunks.size(); chunk++) {
            type.addType(chunkType(chunk, first, chunks.get(chunk), names));
            first += chunks.get(chunk).size();
        }
        return JavaFile.builder(location.packageName(), type.build())
                .skipJavaLangImports(true)
                .indent(JavaLiterals.INDENT)
                .build();
    }

    /**
     * A stand-in for the registry, written when the migrations have errors: the same class with the
     * members application code uses ({@code INSTANCE}, {@code migrations()}, {@code migrate}), so that
     * javac reports Cairn's errors alone rather than a "cannot find symbol" at every use of the
     * registry. The compilation fails on Cairn's errors, so the stand-in never runs; its methods
     * throw all the same.
     */
    public JavaFile writeStandIn(RegistryLocation location) {
        ClassName registry = ClassName.get(location.packageName(), location.simpleName());
        String notGenerated = "The Cairn migration registry " + registry.simpleName() + " was not generated: the "
                + "compilation reported errors in the migrations. Fix them and build again.";
        TypeSpec.Builder type = TypeSpec.classBuilder(registry)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(REGISTRY)
                .addJavadoc("Not the registry: written by the Cairn annotation processor in its place because the\n"
                        + "migrations have compile errors, so that only those errors are reported. Do not edit.\n");
        type.alwaysQualify(options.packageTypeNames.stream()
                .filter(JAVA_LANG_TYPES_USED::contains).sorted().toArray(String[]::new));
        if (options.generatedAnnotation) {
            type.addAnnotation(AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build());
        }
        type.addField(FieldSpec.builder(registry, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .initializer("new $T()", registry)
                .build());
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        type.addMethod(MethodSpec.methodBuilder("migrations")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(DESCRIPTOR_LIST)
                .addStatement("throw new $T($S)", IllegalStateException.class, notGenerated)
                .build());
        if (options.migrateMethod) {
            type.addMethod(migrateMethod(registry));
        }
        return JavaFile.builder(location.packageName(), type.build())
                .skipJavaLangImports(true)
                .indent(JavaLiterals.INDENT)
                .build();
    }

    private static CodeBlock classJavadoc(ClassName registry, List<MigrationModel> migrations) {
        int count = migrations.size();
        boolean anySql = false;
        for (MigrationModel migration : migrations) {
            anySql |= migration.isSql();
        }
        return CodeBlock.builder()
                .add("The $L database migration$L of this application, generated at compile time by the Cairn\n",
                        count, count == 1 ? "" : "s")
                .add(anySql ? "annotation processor from the {@code @Migration} classes and the SQL scripts. Do not\n"
                        + "edit: it is regenerated on every build.\n\n"
                        : "annotation processor from the {@code @Migration} classes. Do not edit: it is regenerated\n"
                        + "on every build.\n\n")
                .add("<p>Apply the migrations at startup:\n\n")
                .add("<pre>{@code\n")
                .add("Migrator.builder($L.INSTANCE).dataSource(dataSource).build().migrate();\n", registry.simpleName())
                .add("\n")
                .add("for (MigrationDescriptor migration : $L.INSTANCE.migrations()) {\n", registry.simpleName())
                .add("    System.out.println(migration.version() + \" \" + migration.description());\n")
                .add("}\n")
                .add("}</pre>\n")
                .build();
    }

    private static MethodSpec migrateMethod(ClassName registry) {
        ClassName dataSource = ClassName.get("javax.sql", "DataSource");
        return MethodSpec.methodBuilder("migrate")
                .addJavadoc("Applies every pending migration to the database, each with its history row.\n\n"
                        + "<pre>{@code\n"
                        + "MigrationReport report = $L.migrate(dataSource);\n"
                        + "}</pre>\n\n"
                        + "@param dataSource the database to migrate\n"
                        + "@return what was applied\n", registry.simpleName())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(REPORT)
                .addParameter(dataSource, "dataSource")
                .addStatement("return $T.builder(INSTANCE).dataSource(dataSource).build().migrate()", MIGRATOR)
                .build();
    }

    /**
     * The registry tells the runtime which folders its scripts came from and reads resources through
     * its own class (in a named module only the application's classes can): before every operation
     * the runtime compares the scripts on the class path with those compiled, and refuses a stale
     * build (Maven's incremental compile does not run the processor again when only a script changed).
     */
    private static void addCompiledScripts(TypeSpec.Builder type, ClassName registry, Set<String> scriptFolders) {
        type.addSuperinterface(COMPILED_SCRIPTS);
        CodeBlock folders = CodeBlock.of("$L", String.join(", ", scriptFolders.stream().sorted()
                .map(JavaLiterals::string).toArray(String[]::new)));
        type.addMethod(MethodSpec.methodBuilder("scriptFolders")
                .addJavadoc("The script folders listed at compile time; the runtime lists them again at start-up.\n")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(ClassName.get(List.class), STRING))
                .addStatement(scriptFolders.isEmpty() ? CodeBlock.of("return $T.emptyList()", Collections.class)
                        : CodeBlock.of("return $T.asList($L)", Arrays.class, folders))
                .build());
        type.addMethod(MethodSpec.methodBuilder("resource")
                .addJavadoc("Where this application's resource {@code name} is, found through this class.\n")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(URL)
                .addParameter(STRING, "name")
                .addStatement("return $T.class.getResource($S + name)", registry, "/")
                .build());
        type.addMethod(MethodSpec.methodBuilder("open")
                .addJavadoc("This application's resource {@code name}, opened through this class.\n")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(INPUT_STREAM)
                .addParameter(STRING, "name")
                .addStatement("return $T.class.getResourceAsStream($S + name)", registry, "/")
                .build());
    }

    /**
     * The descriptor list in a holder class, so that it is built on first use: an application
     * whose database is already up to date (checked with {@code fingerprint()}) never builds it.
     */
    private static TypeSpec descriptorsHolder(int count, int chunkCount, NestedNames names) {
        CodeBlock.Builder build = CodeBlock.builder()
                .addStatement("$T factory = new $L()", FACTORY, names.factory)
                .addStatement("$T all = new $T<>($L)", DESCRIPTOR_LIST, ArrayList.class, count);
        for (int chunk = 0; chunk < chunkCount; chunk++) {
            build.addStatement("$L$L.addDescriptors(all, factory)", names.chunkPrefix, chunk);
        }
        build.addStatement("ALL = $T.unmodifiableList(all)", Collections.class);
        return TypeSpec.classBuilder(names.descriptors)
                .addJavadoc("Holds the descriptors; initialised by the JVM on first access, exactly once.\n")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addField(FieldSpec.builder(DESCRIPTOR_LIST, "ALL", Modifier.STATIC, Modifier.FINAL).build())
                .addStaticBlock(build.build())
                .build();
    }

    /**
     * The factory. With SQL migrations it also opens their scripts: in a named module the scripts'
     * folders ({@code db/migration}) are encapsulated packages of the application's module, which
     * only the application's classes can read, so the runtime asks the registry for them.
     */
    /**
     * The repeatable scripts' descriptors in a holder class, built on first use like the others. Their
     * factory indexes follow the versioned migrations' ({@code first}, {@code first + 1}, ...).
     */
    private static TypeSpec repeatablesHolder(int first, List<MigrationModel> repeatables, NestedNames names) {
        CodeBlock.Builder list = CodeBlock.builder()
                .addStatement("$T factory = new $L()", FACTORY, names.factory)
                .addStatement("$T all = new $T<>($L)", DESCRIPTOR_LIST, ArrayList.class, repeatables.size());
        for (int i = 0; i < repeatables.size(); i++) {
            MigrationModel repeatable = repeatables.get(i);
            list.addStatement("all.add($T.repeatableSqlMigration($S, new $T[] $L,\n$S,\n$S, factory, $L))",
                    GENERATED_MIGRATIONS, repeatable.description(), STRING,
                    JavaLiterals.versionTextArray(repeatable.dependencyVersions()), repeatable.sql().script(),
                    repeatable.checksum(), first + i);
        }
        list.addStatement("ALL = $T.unmodifiableList(all)", Collections.class);
        return TypeSpec.classBuilder(names.repeatables)
                .addJavadoc("Holds the repeatable scripts' descriptors, by description; initialised on first access.\n")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addField(FieldSpec.builder(DESCRIPTOR_LIST, "ALL", Modifier.STATIC, Modifier.FINAL).build())
                .addStaticBlock(list.build())
                .build();
    }

    private TypeSpec factory(ClassName registry, List<List<MigrationModel>> chunks, NestedNames names,
            int count, List<MigrationModel> repeatables) {
        MethodSpec.Builder create = MethodSpec.methodBuilder("create")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(JAVA_MIGRATION)
                .addParameter(int.class, "index");
        boolean anySql = false;
        int end = 0;
        for (int chunk = 0; chunk < chunks.size(); chunk++) {
            end += chunks.get(chunk).size();
            boolean sql = hasSql(chunks.get(chunk));
            anySql |= sql;
            create.beginControlFlow("if (index < $L)", end)
                    .addStatement("return $L$L.create(index$L)", names.chunkPrefix, chunk, sql ? ", this" : "")
                    .endControlFlow();
        }
        if (!repeatables.isEmpty()) {
            anySql = true;
            // Repeatable scripts after the versioned migrations: script migrations without undo.
            create.beginControlFlow("switch (index)");
            for (int i = 0; i < repeatables.size(); i++) {
                MigrationModel repeatable = repeatables.get(i);
                create.addStatement("case $L: return $T.sqlScript(this,\n$S, $S,\nnull, null$L)", count + i,
                        GENERATED_MIGRATIONS, repeatable.sql().script(), repeatable.checksum(),
                        stamps(repeatable));
            }
            create.addStatement("default: break").endControlFlow();
        }
        create.addStatement("throw new $T($S + index)", IndexOutOfBoundsException.class, "No migration at index ");
        TypeSpec.Builder factory = TypeSpec.classBuilder(names.factory)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addSuperinterface(FACTORY)
                .addMethod(create.build());
        if (!anySql) {
            return factory
                    .addJavadoc("Creates migrations with plain {@code new}, so each class loads only when it runs.\n")
                    .build();
        }
        return factory
                .addJavadoc("Creates migrations with plain {@code new}, so each class loads only when it runs, and opens\n"
                        + "the SQL scripts from this class: in a named module only the application's own classes can\n"
                        + "read its script folders.\n")
                .addSuperinterface(SCRIPT_RESOURCES)
                .addMethod(MethodSpec.methodBuilder("open")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(INPUT_STREAM)
                        .addParameter(STRING, "name")
                        .addStatement("return $T.class.getResourceAsStream($S + name)", registry, "/")
                        .build())
                .build();
    }

    /**
     * The script's and its undo script's stamps as the last two arguments of
     * {@code GeneratedMigrations.sqlScript}: size and CRC-32 of the bytes the processor read, so that
     * the stale-registry check accepts a byte-identical script without reading it. Written in hex,
     * {@code 0x<size>_<crc32>L}; nothing for a runtime whose {@code sqlScript} takes no stamps.
     */
    private String stamps(MigrationModel migration) {
        if (!options.scriptStamps) {
            return "";
        }
        return ",\n" + stampLiteral(migration.sql().stamp()) + ", " + stampLiteral(migration.sql().undoStamp());
    }

    private static String stampLiteral(long stamp) {
        if (stamp < 0) {
            return "-1L";
        }
        String crc = Long.toHexString(stamp & 0xFFFF_FFFFL);
        return "0x" + Long.toHexString(stamp >>> 32) + "_" + "00000000".substring(crc.length()) + crc + "L";
    }

    private static boolean hasSql(List<MigrationModel> migrations) {
        for (MigrationModel migration : migrations) {
            if (migration.isSql()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the migration's version or one of its dependencies has parts ({@code 1.10}), or it is
     * batched: then it is described with the runtime's {@code String} overloads (and
     * {@code batchedJavaMigration}), else with the {@code long} ones.
     */
    static boolean describedByText(MigrationModel migration) {
        if (migration.batched()) {
            // GeneratedMigrations.batchedJavaMigration takes its versions as text only.
            return true;
        }
        if (!migration.version().isWhole()) {
            return true;
        }
        for (Version dependency : migration.dependencyVersions()) {
            if (!dependency.isWhole()) {
                return true;
            }
        }
        return false;
    }

    private TypeSpec chunkType(int chunk, int first, List<MigrationModel> migrations, NestedNames names) {
        List<String> versions = new ArrayList<>(migrations.size());
        List<String> versionTexts = new ArrayList<>(migrations.size());
        List<String> dependencyTexts = new ArrayList<>(migrations.size());
        boolean anyParts = false;
        List<String> descriptions = new ArrayList<>(migrations.size());
        List<String> dependencies = new ArrayList<>(migrations.size());
        List<String> classNames = new ArrayList<>(migrations.size());
        List<String> flags = new ArrayList<>(migrations.size());
        List<String> checksums = new ArrayList<>(migrations.size());
        boolean anySql = false;
        boolean anyBatched = false;
        for (MigrationModel migration : migrations) {
            boolean parts = describedByText(migration);
            anyParts |= parts;
            // Entries with parts live in the VERSION_TEXTS arrays; the long arrays hold a filler there.
            versions.add(parts ? "0L" : migration.version().asLong() + "L");
            dependencies.add(parts ? "null" : JavaLiterals.longArray(migration.dependencyVersions()));
            versionTexts.add(parts ? JavaLiterals.string(migration.version().toString()) : "null");
            dependencyTexts.add(parts ? JavaLiterals.versionTextArray(migration.dependencyVersions()) : "null");
            descriptions.add(JavaLiterals.string(migration.description()));
            // A SQL migration is named by its script, as GeneratedMigrations.sqlMigration expects.
            classNames.add(JavaLiterals.string(migration.isSql() ? migration.sql().script() : migration.binaryName()));
            flags.add(Integer.toString((migration.transactional() ? TRANSACTIONAL : 0)
                    | (migration.reversible() ? REVERSIBLE : 0) | (migration.isSql() ? SQL : 0)
                    | (migration.batched() ? BATCHED : 0)));
            anySql |= migration.isSql();
            anyBatched |= migration.batched();
            checksums.add(JavaLiterals.string(migration.checksum()));
        }
        // Data, not code: one array initializer per field instead of a constructor call per
        // migration. javac attributes a literal far faster than a call it must resolve, which keeps
        // the processor's share of a build small (docs/benchmarks.md, B4).
        TypeSpec.Builder type = TypeSpec.classBuilder(names.chunkPrefix + chunk)
                .addJavadoc("Migrations $L to $L of the list, as parallel arrays: entry {@code i} of each array\n"
                        + "describes migration {@code $L + i}; FLAGS: $L = transactional, $L = reversible, $L = a SQL\n"
                        + "script (CLASS_NAMES then holds the script). Split so that no method exceeds the JVM's 64 KB\n"
                        + "code limit and no class its constant pool limit.\n",
                        first, first + migrations.size() - 1, first, TRANSACTIONAL, REVERSIBLE, SQL)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addField(dataField(TypeName.LONG, "VERSIONS", versions))
                .addField(dataField(STRING, "DESCRIPTIONS", descriptions))
                .addField(dataField(ArrayTypeName.of(TypeName.LONG), "DEPENDS_ON", dependencies))
                .addField(dataField(STRING, "CLASS_NAMES", classNames))
                .addField(dataField(TypeName.INT, "FLAGS", flags))
                .addField(dataField(STRING, "CHECKSUMS", checksums));
        if (anyBatched) {
            // Only with a batched migration, so that other registries stay as they were.
            type.addJavadoc("<p>FLAGS $L = a BatchedMigration, applied batch by batch: it is in VERSION_TEXTS and\n"
                    + "DEPENDS_ON_TEXTS and described with the runtime's batchedJavaMigration, always transactional.\n",
                    BATCHED);
        }
        if (anyParts) {
            type.addJavadoc("<p>A migration whose version or a dependency has parts ({@code 1.10}) is in VERSION_TEXTS and\n"
                    + "DEPENDS_ON_TEXTS, written with dots, and described with the runtime's String overloads; for the\n"
                    + "others those entries are null and VERSIONS and DEPENDS_ON hold their versions.\n");
            type.addField(dataField(STRING, "VERSION_TEXTS", versionTexts));
            type.addField(dataField(ArrayTypeName.of(STRING), "DEPENDS_ON_TEXTS", dependencyTexts));
        }

        MethodSpec.Builder add = MethodSpec.methodBuilder("addDescriptors")
                .addModifiers(Modifier.STATIC)
                .addParameter(DESCRIPTOR_LIST, "list")
                .addParameter(FACTORY, "factory")
                .beginControlFlow("for (int i = 0; i < VERSIONS.length; i++)")
                .addStatement("boolean transactional = (FLAGS[i] & $L) != 0", TRANSACTIONAL)
                .addStatement("boolean reversible = (FLAGS[i] & $L) != 0", REVERSIBLE)
                .addStatement("int index = $L", first == 0 ? "i" : first + " + i");
        if (anyParts) {
            add.beginControlFlow("if (VERSION_TEXTS[i] != null)");
            if (anyBatched) {
                add.beginControlFlow("if ((FLAGS[i] & $L) != 0)", BATCHED)
                        .addStatement("list.add($T.batchedJavaMigration(VERSION_TEXTS[i], DESCRIPTIONS[i],\n"
                                + "DEPENDS_ON_TEXTS[i], CLASS_NAMES[i], reversible, CHECKSUMS[i], factory, index))",
                                GENERATED_MIGRATIONS)
                        .addStatement("continue")
                        .endControlFlow();
            }
            if (anySql) {
                add.addStatement("list.add((FLAGS[i] & $L) != 0\n"
                        + "? $T.sqlMigration(VERSION_TEXTS[i], DESCRIPTIONS[i], DEPENDS_ON_TEXTS[i], CLASS_NAMES[i],\n"
                        + "        transactional, reversible, CHECKSUMS[i], factory, index)\n"
                        + ": $T.javaMigration(VERSION_TEXTS[i], DESCRIPTIONS[i], DEPENDS_ON_TEXTS[i], CLASS_NAMES[i],\n"
                        + "        transactional, reversible, CHECKSUMS[i], factory, index))", SQL, GENERATED_MIGRATIONS,
                        GENERATED_MIGRATIONS);
            } else {
                add.addStatement("list.add($T.javaMigration(VERSION_TEXTS[i], DESCRIPTIONS[i], DEPENDS_ON_TEXTS[i],\n"
                        + "CLASS_NAMES[i], transactional, reversible, CHECKSUMS[i], factory, index))",
                        GENERATED_MIGRATIONS);
            }
            add.addStatement("continue").endControlFlow();
        }
        if (anySql) {
            add.addStatement("list.add((FLAGS[i] & $L) != 0\n"
                    + "? $T.sqlMigration(VERSIONS[i], DESCRIPTIONS[i], DEPENDS_ON[i], CLASS_NAMES[i],\n"
                    + "        transactional, reversible, CHECKSUMS[i], factory, index)\n"
                    + ": $T.javaMigration(VERSIONS[i], DESCRIPTIONS[i], DEPENDS_ON[i], CLASS_NAMES[i],\n"
                    + "        transactional, reversible, CHECKSUMS[i], factory, index))", SQL, GENERATED_MIGRATIONS,
                    GENERATED_MIGRATIONS);
        } else {
            add.addStatement("list.add($T.javaMigration(VERSIONS[i], DESCRIPTIONS[i], DEPENDS_ON[i], CLASS_NAMES[i],\n"
                    + "transactional, reversible, CHECKSUMS[i], factory, index))", GENERATED_MIGRATIONS);
        }
        type.addMethod(add.endControlFlow().build());

        MethodSpec.Builder create = MethodSpec.methodBuilder("create")
                .addModifiers(Modifier.STATIC)
                .returns(JAVA_MIGRATION)
                .addParameter(int.class, "index");
        if (anySql) {
            create.addParameter(SCRIPT_RESOURCES, "scripts");
        }
        create.beginControlFlow("switch (index)");
        for (int i = 0; i < migrations.size(); i++) {
            MigrationModel migration = migrations.get(i);
            if (migration.isSql()) {
                // The runtime's script migration opens the script through the registry's factory
                // and checks it against the compile-time checksum before running it.
                create.addStatement("case $L: return $T.sqlScript(scripts,\n$S, $S,\n$S, $S$L)",
                        first + i, GENERATED_MIGRATIONS, migration.sql().script(), migration.checksum(),
                        migration.sql().undoScript(), migration.sql().undoChecksum(), stamps(migration));
                continue;
            }
            ClassName migrationClass = ClassName.get(migration.migrationClass());
            if (migration.migrationClass().getTypeParameters().isEmpty()) {
                create.addStatement("case $L: return new $T()", first + i, migrationClass);
            } else {
                create.addStatement("case $L: return new $T<>()", first + i, migrationClass);
            }
        }
        for (MigrationModel migration : migrations) {
            if (migration.deprecated()) {
                // Instantiating a deprecated migration is intended; a warning in generated code
                // would only be noise the user cannot act on.
                create.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                        .addMember("value", "{$S, $S}", "deprecation", "removal")
                        .build());
                break;
            }
        }
        create.addStatement("default: throw new $T($S + index)", IndexOutOfBoundsException.class,
                        "No migration at index ")
                .endControlFlow();
        return type.addMethod(create.build()).build();
    }

    private static FieldSpec dataField(TypeName elementType, String name, List<String> elements) {
        return FieldSpec.builder(ArrayTypeName.of(elementType), name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$L", JavaLiterals.arrayInitializer(elements))
                .build();
    }

    /** Splits into chunks of at most MAX_CHUNK_SIZE migrations and about CHUNK_CODE_BUDGET bytes of code. */
    static List<List<MigrationModel>> chunk(List<MigrationModel> migrations) {
        List<List<MigrationModel>> chunks = new ArrayList<>();
        List<MigrationModel> current = new ArrayList<>();
        int cost = 0;
        for (MigrationModel migration : migrations) {
            // About 48 bytes of static-initializer bytecode per migration in the data arrays, plus 8
            // per dependency in its long[].
            int migrationCost = 48 + 8 * migration.dependencyVersions().size();
            if (describedByText(migration)) {
                // Two more array entries, each dependency a string constant.
                migrationCost += 16;
            }
            if (!current.isEmpty() && (current.size() == MAX_CHUNK_SIZE || cost + migrationCost > CHUNK_CODE_BUDGET)) {
                chunks.add(current);
                current = new ArrayList<>();
                cost = 0;
            }
            current.add(migration);
            cost += migrationCost;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }
}
