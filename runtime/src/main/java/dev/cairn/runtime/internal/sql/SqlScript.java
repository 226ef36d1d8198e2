package dev.cairn.runtime.internal.sql;

import dev.cairn.runtime.SqlStatement;
import dev.cairn.runtime.internal.ApiValues;
import dev.cairn.runtime.internal.Sha256;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * A parsed SQL migration script: its statements, split once by rules that hold for both SQLite
 * and PostgreSQL. The annotation processor and the runtime both use this class, so a script is
 * split, checked and checksummed the same way at compile time and at run time.
 *
 * <pre>{@code
 * SqlScript script = SqlScript.parse("db/migration/V3__add_index.sql", text);
 * for (SqlStatement statement : script.statements()) {
 *     statement.line();   // where it starts, for messages
 *     statement.sql();    // what to execute
 * }
 * String checksum = SqlScript.checksum(text);   // "sha256:9f86d0..."
 * }</pre>
 *
 * <p>Splitting rules: a statement ends at a {@code ;} outside {@code '...'} strings ({@code ''}
 * escapes a quote), PostgreSQL {@code E'...'} strings (backslash escapes), {@code "..."},
 * {@code `...`} and {@code [...]} identifiers, {@code --} and (nested) block comments, parentheses,
 * PostgreSQL dollar quotes ({@code $$...$$}, {@code $tag$...$tag$}), and the bodies of
 * {@code CREATE TRIGGER ... BEGIN ... END} (SQLite) and {@code CREATE FUNCTION ... BEGIN ATOMIC
 * ... END} (PostgreSQL), where {@code BEGIN}/{@code CASE} ... {@code END} nesting is followed.
 * Empty statements are dropped. Before splitting, a leading byte-order mark is removed and CRLF
 * and CR line endings become LF, also inside string literals, so a script means the same on every
 * platform.
 *
 * <p>A script may declare its dialect in its leading comment lines ({@link ScriptDialect}):
 * {@code -- dialect: mysql} splits it as the {@code mysql} client does ({@code DELIMITER}, {@code #}
 * comments, backslash escapes); {@code -- dialect: standard} takes the rules above as they are. A
 * script that declares none is split by the rules above, and refused where MySQL would split it
 * differently (a {@code DELIMITER} command, a {@code #} comment line, a backslash before a quote).
 */
public final class SqlScript {

    private final String name;
    private final List<SqlStatement> statements;
    private final ScriptDialect dialect;

    private SqlScript(String name, List<SqlStatement> statements, ScriptDialect dialect) {
        this.name = name;
        this.statements = Collections.unmodifiableList(statements);
        this.dialect = dialect;
    }

    /**
     * Splits a script into statements.
     *
     * @param name the script's resource name, used in messages
     * @throws SqlScriptException on a quote, quoted identifier, block comment or dollar quote
     *     that is never closed, naming the line it opens on
     */
    public static SqlScript parse(String name, String text) {
        Objects.requireNonNull(name, "name");
        String unified = unifyLineEndings(stripByteOrderMark(text));
        ScriptDialect dialect = ScriptDialect.declaredIn(name, unified);
        return new SqlScript(name, new ScriptSplitter(name, unified, dialect).split(), dialect);
    }

    /** The script's resource name, for example {@code db/migration/V3__add_index.sql}. */
    public String name() {
        return name;
    }

    /** The dialect the script declares ({@link ScriptDialect#PORTABLE} when none). */
    public ScriptDialect dialect() {
        return dialect;
    }

    /** The statements in script order; empty statements ({@code ;;}, a comment-only tail) are not included. */
    public List<SqlStatement> statements() {
        return statements;
    }

    /**
     * The text a checksum is computed over: a leading UTF-8 byte-order mark removed, CRLF and CR
     * line endings turned into LF, trailing whitespace removed from every line, trailing blank
     * lines (and the final line break) removed. So an editor or a Git setting that changes only
     * these does not make an applied script look edited.
     */
    public static String normalize(String text) {
        String unified = unifyLineEndings(stripByteOrderMark(text));
        StringBuilder normalized = new StringBuilder(unified.length());
        int lineStart = 0;
        while (lineStart <= unified.length()) {
            int newline = unified.indexOf('\n', lineStart);
            int lineEnd = newline < 0 ? unified.length() : newline;
            int contentEnd = lineEnd;
            while (contentEnd > lineStart && isTrailingSpace(unified.charAt(contentEnd - 1))) {
                contentEnd--;
            }
            normalized.append(unified, lineStart, contentEnd);
            if (newline < 0) {
                break;
            }
            normalized.append('\n');
            lineStart = newline + 1;
        }
        int end = normalized.length();
        while (end > 0 && normalized.charAt(end - 1) == '\n') {
            end--;
        }
        normalized.setLength(end);
        return normalized.toString();
    }

    /**
     * Decodes a script strictly as UTF-8: a byte sequence that is not UTF-8 is an error with its
     * line, not a replacement character that would silently reach the database (and the checksum).
     * The processor and the runtime both read scripts through this.
     *
     * <pre>{@code
     * String text = SqlScript.decode("db/migration/V3__add_index.sql", Files.readAllBytes(file));
     * }</pre>
     *
     * @throws SqlScriptException at the line of the first byte that is not UTF-8; its
     *     {@link SqlScriptException#problem() problem} is "byte N starts an invalid sequence"
     */
    public static String decode(String name, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int position = in.position();
            int line = 1;
            for (int i = 0; i < position; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw ApiValues.get().sqlScriptProblem(name, line, "byte " + position + " starts an invalid sequence", null);
        }
        out.flip();
        return out.toString();
    }

    /** {@code "sha256:"} and the lowercase hex SHA-256 of the UTF-8 bytes of {@link #normalize(String) normalize(text)}. */
    public static String checksum(String text) {
        return Sha256.checksum(normalize(text).getBytes(StandardCharsets.UTF_8));
    }

    /** No {@link #stamp(byte[]) stamp}: a registry compiled before stamps, or a script of 2 GB or more. */
    public static final long NO_STAMP = -1;

    /**
     * The stamp of a script's bytes exactly as packaged (before decoding or {@link #normalize
     * normalising}): its size in the high 32 bits and the CRC-32 of the bytes in the low 32. The
     * processor records it beside the checksum; the runtime's stale-registry check compares it with
     * what a jar's central directory already holds for the entry (size and CRC-32, read without
     * decompressing) or with the CRC-32 of a class-path file, and reads and checksums a script only
     * when the stamps differ. Not part of a migration's identity: the checksum is.
     *
     * <pre>{@code
     * long stamp = SqlScript.stamp(Files.readAllBytes(file));   // (size << 32) | crc32
     * }</pre>
     */
    public static long stamp(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length);
        return stamp(bytes.length, crc.getValue());
    }

    /**
     * {@link #stamp(byte[])} from a size and a CRC-32 known already (a jar entry's); {@link #NO_STAMP}
     * when either is unknown (negative) or the size does not fit in 31 bits.
     */
    public static long stamp(long size, long crc32) {
        return size < 0 || size > Integer.MAX_VALUE || crc32 < 0 || crc32 > 0xFFFF_FFFFL ? NO_STAMP
                : size << 32 | crc32;
    }

    private static String stripByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String unifyLineEndings(String text) {
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static boolean isTrailingSpace(char c) {
        return c != '\n' && Character.isWhitespace(c);
    }

    @Override
    public String toString() {
        return name + " (" + statements.size() + " statements)";
    }

    /** Where in a script something is: {@code db/migration/V3__add.sql line 7}, or the script alone for line 0. */
    public static String location(String script, int line) {
        return line > 0 ? script + " line " + line : script;
    }
}
