package dev.cairn.spring.boot;

import dev.cairn.runtime.MigrationDescriptor;
import dev.cairn.runtime.Registry;
import dev.cairn.runtime.generated.CompiledScripts;
import java.util.Map;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * What a native image needs for Cairn: the registry index, each listed registry class (read through
 * its {@code INSTANCE} field) and every SQL script the registries name. Java migrations need nothing:
 * the generated registry creates them with plain {@code new}.
 */
class CairnRuntimeHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        ClassLoader loader = classLoader != null ? classLoader : CairnRuntimeHints.class.getClassLoader();
        hints.resources().registerPattern(RegistryLocator.INDEX);
        for (Map.Entry<String, String> listed : RegistryLocator.listed(loader).entrySet()) {
            hints.reflection().registerType(TypeReference.of(listed.getKey()), MemberCategory.ACCESS_PUBLIC_FIELDS);
            try {
                Registry registry = RegistryLocator.locate(loader, listed.getKey());
                for (MigrationDescriptor migration : registry.migrations()) {
                    migration.script().ifPresent(script -> hints.resources().registerPattern(script));
                }
                if (registry instanceof CompiledScripts) {
                    // Undo scripts and the folders the stale-registry check compares.
                    for (String folder : ((CompiledScripts) registry).scriptFolders()) {
                        hints.resources().registerPattern(folder + "/*");
                    }
                }
            } catch (CairnStartupException e) {
                // A stale index entry: the application fails at start-up with the full message.
            }
        }
    }
}
