package dev.cairn.runtime.internal.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The tricky-SQL corpus in {@code src/test/resources/sql/}, read as the runtime reads scripts. */
final class Corpus {

    private Corpus() {
    }

    /** The text of {@code sql/<path>}, exactly as stored (CRLF kept). */
    static String text(String path) {
        try (InputStream in = Corpus.class.getClassLoader().getResourceAsStream("sql/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("No corpus file sql/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SqlScript parse(String path) {
        return SqlScript.parse("sql/" + path, text(path));
    }
}
