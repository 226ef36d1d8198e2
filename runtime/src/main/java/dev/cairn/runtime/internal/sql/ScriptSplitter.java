package dev.cairn.runtime.internal.sql;

import dev.cairn.runtime.SqlScriptException;
import dev.cairn.runtime.SqlStatement;
import dev.cairn.runtime.internal.ApiValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a script into statements for both SQLite and PostgreSQL: one pass over the text that
 * skips what may contain a {@code ;} without ending a statement (quotes, quoted identifiers,
 * comments, dollar quotes, parentheses, trigger and {@code BEGIN ATOMIC} bodies). The processor does not know
 * the target database, so the rules are the union of both dialects; where they differ (nested
 * block comments exist only in PostgreSQL) the stricter reading is taken.
 */
public final class ScriptSplitter {

    /** How many leading words are kept to recognise a statement that may hold a block body. */
    private static final int LEADING_WORDS = 6;

    private final String script;
    private final String text;
    private final int length;
    private final List<SqlStatement> statements = new ArrayList<>();

    private int position;
    private int line = 1;

    // The statement being read.
    private int start = -1;
    private int startLine;
    private int end;
    private final List<String> leadingWords = new ArrayList<>();
    private boolean mayHoldBlock;
    private int blockDepth;
    /** Open parentheses: a {@code ;} inside them (PostgreSQL's {@code CREATE RULE ... DO (a; b)}) ends nothing. */
    private int parenDepth;

    public ScriptSplitter(String script, String text) {
        this.script = script;
        this.text = text;
        this.length = text.length();
    }

    public List<SqlStatement> split() {
        while (position < length) {
            char c = text.charAt(position);
            char next = position + 1 < length ? text.charAt(position + 1) : '\0';
            if (c == '\n') {
                line++;
                position++;
            } else if (Character.isWhitespace(c)) {
                position++;
            } else if (c == '-' && next == '-') {
                int newline = text.indexOf('\n', position);
                position = newline < 0 ? length : newline;
            } else if (c == '/' && next == '*') {
                int commentLine = line;
                int after = endOfBlockComment(text, position);
                if (after < 0) {
                    throw unterminated(commentLine, "block comment /*", "*/");
                }
                skipTo(after);
            } else if (c == ';' && blockDepth == 0 && parenDepth == 0) {
                if (start >= 0) {
                    statements.add(ApiValues.get().sqlStatement(text.substring(start, end), startLine));
                }
                resetStatement();
                position++;
            } else {
                if (start < 0) {
                    start = position;
                    startLine = line;
                }
                readSignificant(c, next);
                end = position;
            }
        }
        if (start >= 0) {
            statements.add(ApiValues.get().sqlStatement(text.substring(start, end), startLine));
        }
        return statements;
    }

    private void readSignificant(char c, char next) {
        boolean afterWord = position > 0 && isWordPart(text.charAt(position - 1));
        if (c == '\'') {
            skipQuoted('\'', "string literal '", "'", false);
        } else if ((c == 'E' || c == 'e') && next == '\'' && !afterWord) {
            position++;
            skipQuoted('\'', "escape string E'", "'", true);
        } else if (c == '"') {
            skipQuoted('"', "quoted identifier \"", "\"", false);
        } else if (c == '`') {
            skipQuoted('`', "quoted identifier `", "`", false);
        } else if (c == '[' && !afterWord && position > 0 && !isArrayContext(text.charAt(position - 1))) {
            int close = text.indexOf(']', position + 1);
            if (close < 0) {
                throw unterminated(line, "bracketed identifier [", "]");
            }
            skipTo(close + 1);
        } else if (c == '$' && !afterWord && dollarTagEnd(position) > 0) {
            int tagEnd = dollarTagEnd(position);
            String delimiter = text.substring(position, tagEnd);
            int close = text.indexOf(delimiter, tagEnd);
            if (close < 0) {
                throw unterminated(line, "dollar quote " + delimiter, delimiter);
            }
            skipTo(close + delimiter.length());
        } else if (c == '(') {
            parenDepth++;
            position++;
        } else if (c == ')') {
            // A stray ')' is the database's to report; it must not hide the next separator.
            parenDepth = Math.max(0, parenDepth - 1);
            position++;
        } else if (isWordStart(c)) {
            int wordStart = position;
            while (position < length && isWordPart(text.charAt(position))) {
                position++;
            }
            word(text.substring(wordStart, position).toUpperCase(Locale.ROOT));
        } else {
            position++;
        }
    }

    /**
     * Tracks {@code BEGIN}/{@code CASE} ... {@code END} nesting in statements that may hold a body
     * with {@code ;} inside: SQLite's {@code CREATE TRIGGER ... BEGIN ... END} and PostgreSQL's
     * {@code CREATE FUNCTION ... BEGIN ATOMIC ... END}.
     */
    private void word(String word) {
        if (leadingWords.size() < LEADING_WORDS) {
            leadingWords.add(word);
            mayHoldBlock = startsBlockStatement(leadingWords);
        }
        if (!mayHoldBlock) {
            return;
        }
        if (word.equals("BEGIN") || word.equals("CASE")) {
            blockDepth++;
        } else if (word.equals("END") && blockDepth > 0) {
            blockDepth--;
        }
    }

    /** CREATE [OR REPLACE] [TEMP | TEMPORARY] (TRIGGER | FUNCTION | PROCEDURE). */
    private static boolean startsBlockStatement(List<String> words) {
        if (words.isEmpty() || !words.get(0).equals("CREATE")) {
            return false;
        }
        int i = 1;
        if (i + 1 < words.size() && words.get(i).equals("OR") && words.get(i + 1).equals("REPLACE")) {
            i += 2;
        }
        if (i < words.size() && (words.get(i).equals("TEMP") || words.get(i).equals("TEMPORARY"))) {
            i++;
        }
        if (i >= words.size()) {
            return false;
        }
        String kind = words.get(i);
        return kind.equals("TRIGGER") || kind.equals("FUNCTION") || kind.equals("PROCEDURE");
    }

    /**
     * Skips a quoted run that starts at {@code position}; a doubled quote is an escaped quote, and
     * with {@code backslashEscapes} (PostgreSQL's {@code E'...'}) a backslash escapes the next character.
     */
    private void skipQuoted(char quote, String what, String closing, boolean backslashEscapes) {
        int openLine = line;
        position++;
        while (position < length) {
            char c = text.charAt(position);
            if (c == '\n') {
                line++;
            } else if (backslashEscapes && c == '\\' && position + 1 < length) {
                if (text.charAt(position + 1) == '\n') {
                    line++;
                }
                position++;
            } else if (c == quote) {
                if (position + 1 < length && text.charAt(position + 1) == quote) {
                    position++;
                } else {
                    position++;
                    return;
                }
            }
            position++;
        }
        throw unterminated(openLine, what, closing);
    }

    /** Moves to {@code target}, counting the lines passed. */
    private void skipTo(int target) {
        for (int i = position; i < target; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        position = target;
    }

    /**
     * The index after the opening {@code $tag$} or {@code $$} at {@code at}, or -1 when it is not
     * one (for example the parameter {@code $1}).
     */
    private int dollarTagEnd(int at) {
        int i = at + 1;
        if (i < length && text.charAt(i) == '$') {
            return i + 1;
        }
        if (i >= length || !(Character.isLetter(text.charAt(i)) || text.charAt(i) == '_')) {
            return -1;
        }
        while (i < length && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        return i < length && text.charAt(i) == '$' ? i + 1 : -1;
    }

    /**
     * The index after the block comment starting at {@code at}, or -1 when it is not closed.
     * Comments nest, as in PostgreSQL.
     */
    public static int endOfBlockComment(String text, int at) {
        int depth = 0;
        int i = at;
        while (i + 1 < text.length()) {
            char c = text.charAt(i);
            char next = text.charAt(i + 1);
            if (c == '/' && next == '*') {
                depth++;
                i += 2;
            } else if (c == '*' && next == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    private void resetStatement() {
        start = -1;
        leadingWords.clear();
        mayHoldBlock = false;
        blockDepth = 0;
        parenDepth = 0;
    }

    private SqlScriptException unterminated(int openLine, String what, String closing) {
        return ApiValues.get().sqlScriptProblem(script, openLine, "the " + what + " opened here is never closed, so the rest "
                + "of the script cannot be split into statements. Add the closing " + closing + ".");
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** After these, {@code [} subscripts an array in PostgreSQL ({@code (a)[1]}, {@code x[1][2]}). */
    private static boolean isArrayContext(char previous) {
        return previous == ')' || previous == ']';
    }
}
