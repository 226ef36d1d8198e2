package dev.cairn.processor.codegen;

import dev.cairn.processor.diagnostic.Code;
import dev.cairn.processor.diagnostic.DiagnosticReport;
import dev.cairn.processor.model.MigrationModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import javax.lang.model.SourceVersion;

/**
 * Where the generated registry goes: the {@code -Acairn.registry} option when given (a full class
 * name), else class {@code MigrationRegistry} in the migrations' package, or in their longest
 * common package when they are spread over several.
 *
 * <pre>{@code
 * RegistryLocation location = RegistryLocation.resolve(option, migrations, report);
 * if (location != null) {
 *     location.packageName();  // "com.example.db"
 *     location.simpleName();   // "MigrationRegistry"
 * }
 * }</pre>
 */
public final class RegistryLocation {

    /** The processor option that overrides the registry's class name. */
    public static final String OPTION = "cairn.registry";

    static final String DEFAULT_SIMPLE_NAME = "MigrationRegistry";

    private final String packageName;
    private final String simpleName;

    private RegistryLocation(String packageName, String simpleName) {
        this.packageName = packageName;
        this.simpleName = simpleName;
    }

    /** The package, empty for the unnamed package. */
    public String packageName() {
        return packageName;
    }

    public String simpleName() {
        return simpleName;
    }

    public String qualifiedName() {
        return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
    }

    /**
     * The location, or null after reporting why there is none (or, without a report, when there
     * are no migrations to place).
     *
     * @param option the {@code cairn.registry} option's value, or null when not given
     */
    public static RegistryLocation resolve(String option, List<MigrationModel> migrations, DiagnosticReport report) {
        if (option != null) {
            return fromOption(option.trim(), report);
        }
        if (migrations.isEmpty()) {
            // Every migration was left out after an error of its own (its annotation does not
            // resolve): there is nothing to place, and "no common package" would be a false lead.
            return null;
        }
        TreeSet<String> packages = new TreeSet<>();
        for (MigrationModel migration : migrations) {
            packages.add(migration.packageName());
        }
        String common = null;
        for (String name : packages) {
            common = common == null ? name : commonPackage(common, name);
        }
        if (common == null || (common.isEmpty() && packages.size() > 1)) {
            // The unnamed package cannot be imported from, so it is no place for the registry of
            // migrations that live in named packages.
            List<String> shown = new ArrayList<>();
            for (String name : packages) {
                shown.add(name.isEmpty() ? "(the unnamed package)" : name);
            }
            report.error(Code.NO_COMMON_PACKAGE, "the migrations are in packages " + String.join(", ", shown)
                    + ", which share no common package, so there is no package to place"
                    + " MigrationRegistry in. Pass the registry's full class name to the compiler,"
                    + " e.g. -A" + OPTION + "=com.example.db.MigrationRegistry.", null);
            return null;
        }
        return new RegistryLocation(common, DEFAULT_SIMPLE_NAME);
    }

    private static RegistryLocation fromOption(String option, DiagnosticReport report) {
        int lastDot = option.lastIndexOf('.');
        if (lastDot <= 0 || !SourceVersion.isName(option)) {
            report.error(Code.INVALID_REGISTRY_NAME, "the processor option -A" + OPTION + "=" + option
                    + " is not a fully qualified class name in a named package. Use a name like"
                    + " -A" + OPTION + "=com.example.db.MigrationRegistry.", null);
            return null;
        }
        return new RegistryLocation(option.substring(0, lastDot), option.substring(lastDot + 1));
    }

    /** The longest common package of two packages, by whole segments ("a.bc" and "a.b" give "a"). */
    static String commonPackage(String first, String second) {
        String[] a = first.isEmpty() ? new String[0] : first.split("\\.");
        String[] b = second.isEmpty() ? new String[0] : second.split("\\.");
        int shared = 0;
        while (shared < a.length && shared < b.length && a[shared].equals(b[shared])) {
            shared++;
        }
        return String.join(".", Arrays.asList(a).subList(0, shared));
    }
}
