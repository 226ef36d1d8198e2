package dev.cairn.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.cairn.processor.checksum.JavaTokenizer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChecksumTest {

    private static final String ORIGINAL = String.join("\n",
            "package com.example;",
            "import dev.cairn.Migration;",
            "import dev.cairn.runtime.*;",
            "@Migration(version = 1)",
            "public class AddUserEmail implements JavaMigration {",
            "    @Override",
            "    public void up(MigrationContext context) throws Exception {",
            "        context.execute(\"ALTER TABLE users ADD COLUMN email TEXT\");",
            "        int batch = 10 + 1;",
            "    }",
            "}");

    private static Optional<String> checksumOf(String source) throws Exception {
        Compilation compilation = javac().withProcessors(new MigrationProcessor())
                .compile(JavaFileObjects.forSourceString("com.example.AddUserEmail", source));
        assertThat(compilation).succeededWithoutWarnings();
        return new CompiledClasses(compilation).registry("com.example.MigrationRegistry").find(1).orElseThrow().checksum();
    }

    @Test
    void checksumIsSha256HexOfTheSource() throws Exception {
        assertThat(checksumOf(ORIGINAL).orElseThrow()).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void commentsAndFormattingDoNotChangeTheChecksum() throws Exception {
        String reformatted = String.join("\n",
                "package com.example;",
                "import dev.cairn.Migration;",
                "import dev.cairn.runtime.*;",
                "",
                "/** Adds the e-mail column. Javadoc is a comment too. */",
                "@Migration(version = 1)",
                "public class AddUserEmail implements JavaMigration",
                "{",
                "  @Override public void up(MigrationContext context) throws Exception",
                "  {",
                "    // the new column",
                "    context.execute( \"ALTER TABLE users ADD COLUMN email TEXT\" ) ;",
                "    int batch=10+1; /* sized for SQLite */",
                "  }",
                "}");

        assertThat(checksumOf(reformatted)).isEqualTo(checksumOf(ORIGINAL));
    }

    @Test
    void editingTheMigrationAnnotationDoesNotChangeTheChecksum() throws Exception {
        String redescribed = ORIGINAL.replace("@Migration(version = 1)",
                "@Migration(version = 1, description = \"Add the email column\", transactional = false)");

        assertThat(checksumOf(redescribed)).isEqualTo(checksumOf(ORIGINAL));
    }

    @Test
    void changingAStringLiteralChangesTheChecksum() throws Exception {
        String edited = ORIGINAL.replace("email TEXT", "email  TEXT");

        assertThat(checksumOf(edited)).isNotEqualTo(checksumOf(ORIGINAL));
    }

    @Test
    void changingCodeChangesTheChecksum() throws Exception {
        String edited = ORIGINAL.replace("10 + 1", "10 + 2");

        assertThat(checksumOf(edited)).isNotEqualTo(checksumOf(ORIGINAL));
    }

    @Test
    void withoutJavacTreeApiTheChecksumIsAbsentWithANoteNotAWarning() throws Exception {
        Compilation compilation = javac().withProcessors(WrappedEnvironmentProcessor.transparent())
                .compile(JavaFileObjects.forSourceString("com.example.AddUserEmail", ORIGINAL));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).hadNoteContaining("[Cairn/NoChecksum] 1 migration gets no checksum because the"
                + " compiler does not offer javac's Tree API");
        assertThat(new CompiledClasses(compilation).registry("com.example.MigrationRegistry")
                .find(1).orElseThrow().checksum()).isEmpty();
    }

    @Test
    void tokenizerDropsCommentsAndWhitespaceButKeepsLiteralsExact() {
        assertThat(JavaTokenizer.tokenize("int x = 1; // one\n/* two */ String s = \"a  // b\";"))
                .containsExactly("int", "x", "=", "1", ";", "String", "s", "=", "\"a  // b\"", ";").inOrder();
        assertThat(JavaTokenizer.tokenize("char c = '\\''; String t = \"\"\"\n  x /* y */\n  \"\"\";"))
                .containsExactly("char", "c", "=", "'\\''", ";", "String", "t", "=", "\"\"\"\n  x /* y */\n  \"\"\"", ";")
                .inOrder();
    }

    @Test
    void tokenizerKeepsOperatorsApartByLongestMatch() {
        assertThat(JavaTokenizer.tokenize("i++ + j")).containsExactly("i", "++", "+", "j").inOrder();
        assertThat(JavaTokenizer.tokenize("i + ++j")).containsExactly("i", "+", "++", "j").inOrder();
        assertThat(JavaTokenizer.tokenize("x>>>=2")).containsExactly("x", ">>>=", "2").inOrder();
        assertThat(JavaTokenizer.tokenize("1.5e-3f+0x1Fp+2")).containsExactly("1.5e-3f", "+", "0x1Fp+2").inOrder();
        assertThat(JavaTokenizer.tokenize("a=b-c")).isEqualTo(JavaTokenizer.tokenize("a = b - c"));
    }
}
