package dev.cairn.cli;

import dev.cairn.runtime.MigrationVersion;

/**
 * A minimal streaming JSON writer, because the CLI adds no dependencies. It tracks only
 * whether a comma is due; callers nest {@code beginObject}/{@code endObject} correctly. Strings
 * are escaped per RFC 8259, so descriptions and error messages with quotes, backslashes or
 * control characters stay valid JSON.
 *
 * <pre>{@code
 * JsonWriter json = new JsonWriter();
 * json.beginObject().name("valid").value(true).endObject();
 * json.toString(); // {"valid":true}
 * }</pre>
 */
final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    private boolean commaDue;

    JsonWriter beginObject() {
        separate();
        out.append('{');
        commaDue = false;
        return this;
    }

    JsonWriter endObject() {
        out.append('}');
        commaDue = true;
        return this;
    }

    JsonWriter beginArray() {
        separate();
        out.append('[');
        commaDue = false;
        return this;
    }

    JsonWriter endArray() {
        out.append(']');
        commaDue = true;
        return this;
    }

    JsonWriter name(String name) {
        separate();
        string(name);
        out.append(':');
        commaDue = false;
        return this;
    }

    JsonWriter value(String value) {
        separate();
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        commaDue = true;
        return this;
    }

    JsonWriter value(long value) {
        separate();
        out.append(value);
        commaDue = true;
        return this;
    }

    JsonWriter value(boolean value) {
        separate();
        out.append(value);
        commaDue = true;
        return this;
    }

    JsonWriter nullValue() {
        separate();
        out.append("null");
        commaDue = true;
        return this;
    }

    /** Writes {@code "name": value} for a value that may be absent (written as {@code null}). */
    JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    /** A version as a number ({@code 7}), or as a string when it has parts ({@code "1.10"}). */
    JsonWriter field(String name, MigrationVersion value) {
        return name(name).value(value);
    }

    /** A version as a number ({@code 7}), or as a string when it has parts ({@code "1.10"}). */
    JsonWriter value(MigrationVersion value) {
        return value.isWhole() ? value(value.asLong()) : value(value.toString());
    }

    JsonWriter field(String name, boolean value) {
        return name(name).value(value);
    }

    private void separate() {
        if (commaDue) {
            out.append(',');
            commaDue = false;
        }
    }

    private void string(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                default:
                    // Other control characters, and the line separators JavaScript rejects in literals.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
