package dev.cairn.processor.sql;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a script strictly as UTF-8: a byte sequence that is not UTF-8 is an error with its line,
 * not a replacement character that would silently reach the database (and the checksum).
 *
 * <pre>{@code
 * ScriptText text = ScriptText.decode(bytes);
 * if (text.text() == null) {
 *     report("not UTF-8 at line " + text.badLine());
 * }
 * }</pre>
 */
final class ScriptText {

    private final String text;
    private final int badLine;
    private final int badByte;

    private ScriptText(String text, int badLine, int badByte) {
        this.text = text;
        this.badLine = badLine;
        this.badByte = badByte;
    }

    static ScriptText decode(byte[] bytes) {
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
            return new ScriptText(null, line, position);
        }
        out.flip();
        return new ScriptText(out.toString(), 0, 0);
    }

    /** The decoded text, or null when the bytes are not UTF-8. */
    String text() {
        return text;
    }

    /** The 1-based line of the first byte that is not UTF-8. */
    int badLine() {
        return badLine;
    }

    /** The 0-based offset of that byte in the file. */
    int badByte() {
        return badByte;
    }
}
