package dev.cairn.processor.checksum;

import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;

/**
 * Computes a migration's checksum from its own source text at compile time, so the runtime can
 * detect an applied migration that was edited afterwards. Comments and formatting are ignored;
 * the {@code @Migration} annotation itself is left out, so that editing a description or the
 * dependencies does not count as editing the migration.
 *
 * <p>The source is read through javac's Tree API. Other compilers (ECJ) or wrapped processing
 * environments do not offer it; the checksum is then absent and {@link Result#reason()} says why.
 * The javac pretty-printer is not used: its output changes between JDK versions, and checksums
 * must not.
 *
 * <pre>{@code
 * SourceChecksums checksums = SourceChecksums.create(processingEnv);
 * SourceChecksums.Result result = checksums.checksum(migrationElement);
 * String checksum = result.checksum(); // "sha256:...", or null, with result.reason()
 * }</pre>
 */
public final class SourceChecksums {

    /** Reads the source text of a class, without its {@code @Migration} annotation. */
    interface SourceReader {
        /** The text, or null when {@code unavailableReason} explains why there is none. */
        CharSequence classSource(TypeElement element) throws Exception;
    }

    /** A checksum, or the reason there is none. */
    public static final class Result {
        private final String checksum;
        private final String reason;

        private Result(String checksum, String reason) {
            this.checksum = checksum;
            this.reason = reason;
        }

        /** The checksum, or null. */
        public String checksum() {
            return checksum;
        }

        /** Why there is no checksum, or null when there is one. */
        public String reason() {
            return reason;
        }
    }

    private final SourceReader reader;
    private final String unavailableReason;

    private SourceChecksums(SourceReader reader, String unavailableReason) {
        this.reader = reader;
        this.unavailableReason = unavailableReason;
    }

    /** Uses javac's Tree API when the environment offers it. */
    public static SourceChecksums create(ProcessingEnvironment environment) {
        try {
            return new SourceChecksums(new TreesSourceReader(environment), null);
        } catch (IllegalArgumentException | LinkageError e) {
            // Trees.instance rejects environments that are not javac's own (ECJ, wrapped
            // environments); without the jdk.compiler module the class is not there at all.
            return new SourceChecksums(null, "the compiler does not offer javac's Tree API ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    /**
     * Whether the compiler offers source access at all; when not, every checksum is absent for
     * the same reason, {@link #unavailableReason()}.
     */
    public boolean isAvailable() {
        return reader != null;
    }

    /** Why no checksum can be computed in this compiler, or null when {@link #isAvailable()}. */
    public String unavailableReason() {
        return unavailableReason;
    }

    /** The checksum of the class's source, or the reason there is none. Never throws. */
    public Result checksum(TypeElement element) {
        if (reader == null) {
            return new Result(null, unavailableReason);
        }
        CharSequence source;
        try {
            source = reader.classSource(element);
        } catch (Exception | LinkageError e) {
            return new Result(null, "its source could not be read (" + e + ")");
        }
        if (source == null) {
            return new Result(null, "the compiler has no source tree for it (it was not compiled from source)");
        }
        return new Result(Checksums.of(JavaTokenizer.tokenize(source)), null);
    }
}
