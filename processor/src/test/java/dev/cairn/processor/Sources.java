package dev.cairn.processor;

import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;

/** Builds small migration sources for compile tests, with predictable line numbers. */
final class Sources {

    private Sources() {
    }

    /**
     * A migration in {@code com.example}: line 1 package, 2-4 imports, line 5 the annotation
     * ({@code @Migration(<arguments>)}), line 6 the class declaration.
     */
    static JavaFileObject migration(String simpleName, String arguments) {
        return migration("com.example", simpleName, arguments, "");
    }

    static JavaFileObject migration(String packageName, String simpleName, String arguments, String body) {
        return JavaFileObjects.forSourceString(packageName + "." + simpleName, String.join("\n",
                "package " + packageName + ";",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.JavaMigration;",
                "import dev.cairn.runtime.MigrationContext;",
                "@Migration(" + arguments + ")",
                "public class " + simpleName + " implements JavaMigration {",
                "    @Override",
                "    public void up(MigrationContext context) throws Exception {",
                "        context.execute(\"SELECT '" + simpleName + "'\");",
                "    }",
                body,
                "}",
                ""));
    }

    /** A source file given line by line. */
    static JavaFileObject lines(String qualifiedName, String... lines) {
        return JavaFileObjects.forSourceLines(qualifiedName, lines);
    }
}
