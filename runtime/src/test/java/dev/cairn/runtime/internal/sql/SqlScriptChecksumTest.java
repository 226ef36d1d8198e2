package dev.cairn.runtime.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link SqlScript#normalize} and {@link SqlScript#checksum}: formatting noise ignored, every edit seen. */
class SqlScriptChecksumTest {

    private static final String SCRIPT = "CREATE TABLE users (id INT);\n\n-- email\nALTER TABLE users ADD email TEXT;\n";

    @Test
    void checksumIsSha256OfTheNormalizedTextInLowercaseHex() throws Exception {
        String expected = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("CREATE TABLE users (id INT);\n\n-- email\nALTER TABLE users ADD email TEXT;"
                        .getBytes(StandardCharsets.UTF_8)));

        assertEquals(expected, SqlScript.checksum(SCRIPT));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE TABLE users (id INT);\r\n\r\n-- email\r\nALTER TABLE users ADD email TEXT;\r\n",
            "CREATE TABLE users (id INT);\r\r-- email\rALTER TABLE users ADD email TEXT;",
            "CREATE TABLE users (id INT);   \n \t\n-- email\t\nALTER TABLE users ADD email TEXT; \n",
            "\uFEFFCREATE TABLE users (id INT);\n\n-- email\nALTER TABLE users ADD email TEXT;\n",
            "CREATE TABLE users (id INT);\n\n-- email\nALTER TABLE users ADD email TEXT;",
            "CREATE TABLE users (id INT);\n\n-- email\nALTER TABLE users ADD email TEXT;\n\n\n  \n",
    })
    void lineEndingsTrailingSpacesTrailingBlankLinesAndByteOrderMarkDoNotChangeIt(String variant) {
        assertEquals(SqlScript.checksum(SCRIPT), SqlScript.checksum(variant));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE TABLE users (id INT);\n\n-- e-mail\nALTER TABLE users ADD email TEXT;\n",
            "CREATE TABLE users (id  INT);\n\n-- email\nALTER TABLE users ADD email TEXT;\n",
            " CREATE TABLE users (id INT);\n\n-- email\nALTER TABLE users ADD email TEXT;\n",
            "CREATE TABLE users (id INT);\n-- email\nALTER TABLE users ADD email TEXT;\n",
            "\nCREATE TABLE users (id INT);\n\n-- email\nALTER TABLE users ADD email TEXT;\n",
            "create table users (id INT);\n\n-- email\nALTER TABLE users ADD email TEXT;\n",
            "CREATE TABLE users (id INT);\n\n-- email\nALTER TABLE users ADD email TEXT\n",
    })
    void anyOtherChangeChangesIt(String edited) {
        assertNotEquals(SqlScript.checksum(SCRIPT), SqlScript.checksum(edited));
    }

    @Test
    void normalizeKeepsLeadingSpacesAndInnerBlankLines() {
        assertEquals("  a\n\n\tb", SqlScript.normalize("\uFEFF  a  \r\n \r\n\tb\t\r\n\r\n"));
        assertEquals("", SqlScript.normalize("\n \n"));
    }

    @Test
    void theCrlfCorpusFileHasTheChecksumOfItsLfVersion() {
        String crlf = Corpus.text("common/crlf.sql");

        assertTrue(crlf.contains("\r\n"), "the corpus file must keep its CRLF line endings (see .gitattributes)");
        assertEquals(SqlScript.checksum(crlf.replace("\r\n", "\n")), SqlScript.checksum(crlf));
    }
}
