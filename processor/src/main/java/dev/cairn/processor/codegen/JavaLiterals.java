package dev.cairn.processor.codegen;

import dev.cairn.processor.model.Version;
import java.util.List;

/**
 * Java source literals written as plain text, for the registry's data arrays. JavaPoet formats each
 * {@code $S} and {@code $L} argument as a separate fragment (and splits every fragment into lines
 * with a regular expression), which for thousands of migrations costs more than the rest of code
 * generation; an array initializer built here is handed to JavaPoet as one {@code $L} fragment.
 *
 * <pre>{@code
 * String text = JavaLiterals.stringArray(List.of("a", "b\"c"), 8);  // {"a", "b\"c"} wrapped and indented
 * }</pre>
 */
final class JavaLiterals {

    /** Roughly where array initializers wrap: generated code should still read in an editor. */
    private static final int LINE_WIDTH = 100;

    /** The registry's indentation unit (RegistryWriter builds its JavaFile with the same). */
    static final String INDENT = "    ";

    private JavaLiterals() {
    }

    /** A string literal with quotes; everything outside printable ASCII becomes a unicode escape. */
    static String string(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder literal = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"':
                    literal.append("\\\"");
                    break;
                case '\\':
                    literal.append("\\\\");
                    break;
                case '\n':
                    literal.append("\\n");
                    break;
                case '\t':
                    literal.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c > 0x7e) {
                        literal.append(String.format("\\u%04x", (int) c));
                    } else {
                        literal.append(c);
                    }
            }
        }
        return literal.append('"').toString();
    }

    /** {@code {1L, 2L}}, for whole-number versions. */
    static String longArray(List<Version> values) {
        StringBuilder array = new StringBuilder(values.size() * 6).append('{');
        for (int i = 0; i < values.size(); i++) {
            array.append(i == 0 ? "" : ", ").append(values.get(i).asLong()).append('L');
        }
        return array.append('}').toString();
    }

    /** {@code {"1.9", "2"}}: versions as written, with dots. */
    static String versionTextArray(List<Version> values) {
        StringBuilder array = new StringBuilder(values.size() * 8).append('{');
        for (int i = 0; i < values.size(); i++) {
            array.append(i == 0 ? "" : ", ").append(string(values.get(i).toString()));
        }
        return array.append('}').toString();
    }

    /**
     * An array initializer of already formatted elements, one level deeper than the braces and
     * wrapped before {@link #LINE_WIDTH}. JavaPoet adds the enclosing indentation to every line.
     */
    static String arrayInitializer(List<String> elements) {
        StringBuilder array = new StringBuilder(elements.size() * 16).append("{\n").append(INDENT);
        int lineLength = 0;
        for (int i = 0; i < elements.size(); i++) {
            String element = elements.get(i) + (i == elements.size() - 1 ? "" : ",");
            if (lineLength > 0 && lineLength + 1 + element.length() > LINE_WIDTH) {
                array.append('\n').append(INDENT);
                lineLength = 0;
            }
            if (lineLength > 0) {
                array.append(' ');
                lineLength++;
            }
            array.append(element);
            lineLength += element.length();
        }
        return array.append("\n}").toString();
    }
}
