package dev.cairn.runtime;

import dev.cairn.runtime.internal.sql.SqlScript;




/**
 * A SQL script cannot be used: it does not parse (an unterminated quote, comment or dollar quote),
 * it controls transactions itself, it is missing from the class path, or it changed since the
 * application was compiled. The message names the script, the line when there is one, and what
 * to do next.
 *
 * <pre>{@code
 * try {
 *     SqlScript.parse("db/migration/V3__add_index.sql", text);
 * } catch (SqlScriptException e) {
 *     e.script();    // "db/migration/V3__add_index.sql"
 *     e.line();      // 7, or 0 when the problem is not about one line
 *     e.problem();   // the message without the "<script> line <n>: " prefix
 * }
 * }</pre>
 */
public class SqlScriptException extends CairnException {

    private static final long serialVersionUID = 1L;

    private final String script;
    private final int line;
    private final String problem;

    /**
     * Creates the exception. The message is {@code "<script> line <line>: <problem>"}, or
     * {@code "<script>: <problem>"} when {@code line} is 0.
     *
     * @param problem what happened and what to do next
     */
    SqlScriptException(String script, int line, String problem) {
        this(script, line, problem, null);
    }

    /** Creates the exception with its cause; see {@link #SqlScriptException(String, int, String)}. */
    SqlScriptException(String script, int line, String problem, Throwable cause) {
        super(SqlScript.location(script, line) + ": " + problem, cause);
        this.script = script;
        this.line = line;
        this.problem = problem;
    }

    /** The script's class-path resource name, for example {@code db/migration/V3__add_index.sql}. */
    public String script() {
        return script;
    }

    /** The 1-based line the problem is on, or 0 when it is not about one line (missing script, changed checksum). */
    public int line() {
        return line;
    }

    /** The message without the script and line prefix, for tools that report the location separately. */
    public String problem() {
        return problem;
    }

}
