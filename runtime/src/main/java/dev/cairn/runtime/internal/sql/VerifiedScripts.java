package dev.cairn.runtime.internal.sql;

import dev.cairn.runtime.generated.ScriptResources;
import java.lang.ref.SoftReference;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The texts of the scripts that this operation has already read and found exactly as compiled,
 * kept for the rest of the operation, so that a script is read, decoded and hashed at most once per
 * run instead of up to three times (the stale-registry check, the check of every pending script
 * before the run, and the run itself: issue 18 measured that as the largest part of Cairn's extra
 * CPU when applying scripts).
 *
 * <pre>{@code
 * VerifiedScripts.begin(scripts);                                // the check starts: forget everything
 * VerifiedScripts.keep(scripts, "db/migration/V1__a.sql", "sha256:...", text);  // read, matches
 * VerifiedScripts.get(scripts, "db/migration/V1__a.sql", "sha256:...");         // the text, or null
 * }</pre>
 *
 * <p>What runs is still only ever a text whose checksum was computed from the bytes read and found
 * equal to the compile-time one; a text is found only under that same checksum. Texts are kept only
 * between a {@link #begin} and the next: every operation starts with the stale-registry check,
 * which begins afresh, so an edit to a script is seen by the next operation as before. Most scripts
 * are not read by the check at all since their stamps match ({@link CompiledScriptCheck}); a pending
 * one is then read once, by the check before the run, and kept here for the run. Registries without
 * {@code CompiledScripts} (written by hand) are never checked, so nothing is kept for them and they
 * read as before.
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

    /** Forgets every text kept for {@code scripts} and starts keeping: an operation's check starts. */
    static synchronized void begin(ScriptResources scripts) {
        TEXTS.put(scripts, new SoftReference<>(new Texts()));
    }

    /**
     * Keeps {@code text}, read just now and found to have the compile-time {@code checksum}, if an
     * operation's check has {@link #begin begun} for {@code scripts} (and its texts were not
     * collected since): nothing is kept for a registry that is never checked.
     */
    static synchronized void keep(ScriptResources scripts, String resource, String checksum, String text) {
        SoftReference<Texts> reference = TEXTS.get(scripts);
        Texts texts = reference == null ? null : reference.get();
        if (texts != null && texts.chars + text.length() <= BUDGET_CHARS) {
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
