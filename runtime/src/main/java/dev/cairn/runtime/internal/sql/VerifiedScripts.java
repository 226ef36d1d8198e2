package dev.cairn.runtime.internal.sql;

import dev.cairn.runtime.generated.ScriptResources;
import java.lang.ref.SoftReference;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The texts of the scripts that {@link CompiledScriptCheck} has just read and found exactly as
 * compiled, kept for the operation it guards, so that a script is read, decoded and hashed once per
 * run instead of three times (the check, the check of every pending script before the run, and the
 * run itself: issue 18 measured that as the largest part of Cairn's extra CPU when applying
 * scripts).
 *
 * <pre>{@code
 * VerifiedScripts.clear(scripts);                                // the check starts: forget everything
 * VerifiedScripts.put(scripts, "db/migration/V1__a.sql", "sha256:...", text);   // read, matches
 * VerifiedScripts.get(scripts, "db/migration/V1__a.sql", "sha256:...");         // the text, or null
 * }</pre>
 *
 * <p>What runs is still only ever a text whose checksum was computed from the bytes read and found
 * equal to the compile-time one; a text is found only under that same checksum. Every operation
 * starts with the check, which reads every script afresh and replaces what is kept here, so an edit
 * to a script is seen by the next operation as before. Registries without {@code CompiledScripts}
 * (written by hand) are never checked, so nothing is kept for them and they read as before.
 *
 * <p>Memory: at most {@link #BUDGET_CHARS} characters per registry (a folder of large data scripts
 * is read as before beyond that), held softly, and keyed weakly by the registry's
 * {@link ScriptResources}, so that neither a registry nor its class loader is kept alive by it.
 */
final class VerifiedScripts {

    /** Characters kept per registry: 1,000 scripts of a few hundred characters fit many times over. */
    static final int BUDGET_CHARS = 1 << 20;

    private static final Map<ScriptResources, SoftReference<Texts>> TEXTS = new WeakHashMap<>();

    private VerifiedScripts() {
    }

    /** Forgets every text kept for {@code scripts}: a check is about to read them all again. */
    static synchronized void clear(ScriptResources scripts) {
        TEXTS.remove(scripts);
    }

    /** Keeps {@code text}, read just now and found to have the compile-time {@code checksum}. */
    static synchronized void put(ScriptResources scripts, String resource, String checksum, String text) {
        SoftReference<Texts> reference = TEXTS.get(scripts);
        Texts texts = reference == null ? null : reference.get();
        if (texts == null) {
            texts = new Texts();
            TEXTS.put(scripts, new SoftReference<>(texts));
        }
        if (texts.chars + text.length() <= BUDGET_CHARS) {
            texts.chars += text.length();
            texts.byResource.put(resource, new String[] {checksum, text});
        }
    }

    /** The text kept for {@code resource} with exactly {@code checksum}, or null: read it then. */
    static synchronized String get(ScriptResources scripts, String resource, String checksum) {
        SoftReference<Texts> reference = TEXTS.get(scripts);
        Texts texts = reference == null ? null : reference.get();
        String[] kept = texts == null ? null : texts.byResource.get(resource);
        return kept != null && kept[0].equals(checksum) ? kept[1] : null;
    }

    private static final class Texts {
        final Map<String, String[]> byResource = new HashMap<>();
        int chars;
    }
}
