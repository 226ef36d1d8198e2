package dev.cairn.processor.model;

import dev.cairn.runtime.internal.sql.SqlScript;
import javax.lang.model.element.AnnotationValue;

/**
 * The script of a SQL migration as read at compile time: its resource name, its text, its
 * checksum, the stamp of its bytes, and its undo script when it has one.
 *
 * <pre>{@code
 * SqlSource source = new SqlSource("db/migration/V3__add_index.sql", text, "sha256:...", SqlScript.stamp(bytes),
 *         null, null, null, SqlScript.NO_STAMP, value);
 * source.fileName();  // "V3__add_index.sql"
 * }</pre>
 *
 * <p>The stamps (size and CRC-32 of the bytes read, before decoding: the runtime's
 * {@code SqlScript.stamp}) let the runtime's stale-registry check accept a byte-identical script
 * without reading it through the class loader and hashing it. They are not part of the migration's
 * identity (the checksum and the registry's fingerprint are), so they never change a fingerprint.
 */
public final class SqlSource {

    private final String script;
    private final String text;
    private final String checksum;
    private final String undoScript;
    private final String undoText;
    private final String undoChecksum;
    private final AnnotationValue declaredAt;
    private final long stamp;
    private final long undoStamp;

    /**
     * The undo values are all null when there is no undo script; the stamps are those of the bytes
     * read ({@code SqlScript.stamp}), {@code SqlScript.NO_STAMP} where unknown.
     *
     * @param declaredAt the annotation value naming the script (or its folder), for diagnostics
     */
    public SqlSource(String script, String text, String checksum, long stamp, String undoScript, String undoText,
            String undoChecksum, long undoStamp, AnnotationValue declaredAt) {
        this.stamp = stamp;
        this.undoStamp = undoScript == null ? SqlScript.NO_STAMP : undoStamp;
        this.declaredAt = declaredAt;
        this.script = script;
        this.text = text;
        this.checksum = checksum;
        this.undoScript = undoScript;
        this.undoText = undoText;
        this.undoChecksum = undoChecksum;
    }

    /** {@code SqlScript.stamp} of the script's bytes as read, or {@code SqlScript.NO_STAMP}. */
    public long stamp() {
        return stamp;
    }

    /** {@code SqlScript.stamp} of the undo script's bytes as read, or {@code SqlScript.NO_STAMP} (always when there is none). */
    public long undoStamp() {
        return undoStamp;
    }

    /** The class-path resource name, e.g. {@code db/migration/V3__add_index.sql}. */
    public String script() {
        return script;
    }

    /** The last segment of {@link #script()}. */
    public String fileName() {
        return script.substring(script.lastIndexOf('/') + 1);
    }

    /** The script's text as read (decoded from UTF-8, not normalized). */
    public String text() {
        return text;
    }

    /** The runtime's {@code SqlScript.checksum} of the text. */
    public String checksum() {
        return checksum;
    }

    /** The undo script's resource name, or null. */
    public String undoScript() {
        return undoScript;
    }

    /** The undo script's text, or null. */
    public String undoText() {
        return undoText;
    }

    /** The {@code script = "..."} or folder value that declares the script. */
    public AnnotationValue declaredAt() {
        return declaredAt;
    }

    /** The undo script's checksum, or null. */
    public String undoChecksum() {
        return undoChecksum;
    }
}
