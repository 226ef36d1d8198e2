package dev.cairn.runtime;

import dev.cairn.runtime.internal.sql.ScriptSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One statement of a SQL script, as {@link SqlScript#parse} split it: its text (without the
 * terminating {@code ;}, leading comments and surrounding whitespace) and the line it starts on.
 *
 * <pre>{@code
 * SqlStatement statement = SqlScript.parse("V1__init.sql", "-- users\nCREATE TABLE users (id INT);")
 *         .statements().get(0);
 * statement.sql();                    // "CREATE TABLE users (id INT)"
 * statement.line();                   // 2
 * statement.isTransactionControl();   // false
 * }</pre>
 *
 * <p>Transaction control is what would end or replace the transaction Cairn runs each migration
 * in, together with its history row: {@code BEGIN} (with any of {@code TRANSACTION}, {@code WORK},
 * {@code DEFERRED}, {@code IMMEDIATE}, {@code EXCLUSIVE}), {@code START TRANSACTION}, {@code COMMIT},
 * {@code END}, {@code ABORT}, {@code ROLLBACK}, {@code PREPARE TRANSACTION}, and
 * {@code COMMIT/ROLLBACK PREPARED}. Savepoints are allowed: {@code SAVEPOINT}, {@code RELEASE} and
 * {@code ROLLBACK [TRANSACTION|WORK] TO [SAVEPOINT] name} only act inside the migration's own
 * transaction, so a script may use them to undo part of its own work. Only the statement's first
 * words count, so {@code END} closing a trigger body or a {@code CASE} is not transaction control.
 */
public final class SqlStatement {

    private static final Pattern CONCURRENTLY = Pattern.compile("\\bCONCURRENTLY\\b");
    private static final Pattern DETACH_CONCURRENTLY =
            Pattern.compile("\\bDETACH\\s+PARTITION\\b.*\\bCONCURRENTLY\\b", Pattern.DOTALL);

    private final String sql;
    private final int line;
    private final boolean transactionControl;
    private final String refusedInTransactionBy;

    /**
     * Creates a statement.
     *
     * @param sql the statement's text, without the terminating {@code ;}
     * @param line the 1-based line of the script where the statement starts
     */
    SqlStatement(String sql, int line) {
        this.sql = Objects.requireNonNull(sql, "sql").trim();
        this.line = line;
        this.transactionControl = detectTransactionControl(this.sql);
        this.refusedInTransactionBy = detectRefusedInTransaction(this.sql);
    }

    /** The statement's text as written, without the terminating {@code ;}, trimmed. */
    public String sql() {
        return sql;
    }

    /** The 1-based line where the statement starts (its first character that is not whitespace or a comment). */
    public int line() {
        return line;
    }

    /** Whether the statement begins, ends or replaces a transaction; see the class comment for the list. */
    public boolean isTransactionControl() {
        return transactionControl;
    }

    /**
     * The databases that refuse this statement inside a transaction block, such as
     * {@code "PostgreSQL"} for {@code CREATE INDEX CONCURRENTLY} or {@code "PostgreSQL and SQLite"}
     * for {@code VACUUM}; empty when the databases Cairn supports run it in one. A migration with
     * such a statement must be declared {@code transactional = false} (in a script, a
     * {@code -- transactional: false} header).
     *
     * <pre>{@code
     * SqlStatement index = ...;  // CREATE INDEX CONCURRENTLY orders_by_customer ON orders (customer_id)
     * index.refusedInTransactionBy();  // Optional[PostgreSQL]
     * }</pre>
     */
    public Optional<String> refusedInTransactionBy() {
        return Optional.ofNullable(refusedInTransactionBy);
    }

    private static String detectRefusedInTransaction(String sql) {
        List<String> words = leadingWords(sql, 4);
        if (words.isEmpty()) {
            return null;
        }
        String first = words.get(0);
        String second = words.size() > 1 ? words.get(1) : "";
        switch (first) {
            case "VACUUM":
                return "PostgreSQL and SQLite";
            case "CREATE":
            case "DROP":
                if (second.equals("DATABASE") || second.equals("TABLESPACE")) {
                    return "PostgreSQL";
                }
                // CREATE [UNIQUE] INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY
                int index = words.indexOf("INDEX");
                return index > 0 && index + 1 < words.size() && words.get(index + 1).equals("CONCURRENTLY")
                        ? "PostgreSQL" : null;
            case "REINDEX":
                // REINDEX [(options)] {INDEX|TABLE|SCHEMA|DATABASE|SYSTEM} CONCURRENTLY name; the
                // whole database or system catalogue in no case.
                return second.equals("DATABASE") || second.equals("SYSTEM")
                        || CONCURRENTLY.matcher(sql.toUpperCase(Locale.ROOT)).find() ? "PostgreSQL" : null;
            case "ALTER":
                if (second.equals("SYSTEM")) {
                    return "PostgreSQL";
                }
                return second.equals("TABLE") && DETACH_CONCURRENTLY.matcher(sql.toUpperCase(Locale.ROOT)).find()
                        ? "PostgreSQL" : null;
            case "PRAGMA":
                // SQLite: "cannot change into wal mode from within a transaction", and the like.
                return second.equals("JOURNAL_MODE") ? "SQLite" : null;
            default:
                return null;
        }
    }

    private static boolean detectTransactionControl(String sql) {
        List<String> words = leadingWords(sql, 4);
        if (words.isEmpty()) {
            return false;
        }
        String first = words.get(0);
        String second = words.size() > 1 ? words.get(1) : "";
        switch (first) {
            case "BEGIN":
            case "COMMIT":
            case "END":
            case "ABORT":
                return true;
            case "START":
            case "PREPARE":
                return second.equals("TRANSACTION");
            case "ROLLBACK": {
                int next = second.equals("TRANSACTION") || second.equals("WORK") ? 2 : 1;
                // ROLLBACK TO SAVEPOINT only rewinds the migration's own transaction.
                return !(words.size() > next && words.get(next).equals("TO"));
            }
            default:
                return false;
        }
    }

    /** The first {@code limit} words, upper-cased, skipping whitespace and comments before and between them. */
    private static List<String> leadingWords(String sql, int limit) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int length = sql.length();
        while (i < length && words.size() < limit) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? length : end + 1;
            } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                i = ScriptSplitter.endOfBlockComment(sql, i);
                if (i < 0) {
                    break;
                }
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < length && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
                words.add(sql.substring(start, i).toUpperCase(Locale.ROOT));
            } else {
                break;
            }
        }
        return words;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof SqlStatement)) {
            return false;
        }
        SqlStatement that = (SqlStatement) other;
        return line == that.line && sql.equals(that.sql);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sql, line);
    }

    @Override
    public String toString() {
        return "line " + line + ": " + sql;
    }
}
