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
 *
 * <p>A script may declare its {@link ScriptDialect}: {@link ScriptDialect#MYSQL} reads it as the
 * {@code mysql} client does instead ({@code DELIMITER} commands, {@code #} comments, backslash
 * escapes in strings, no dollar quotes, block bodies ended only by the delimiter), and
 * {@link ScriptDialect#PORTABLE}, for a script that declares none, refuses what MySQL would split
 * differently.
 */
public final class ScriptSplitter {

    /** How many leading words are kept to recognise a statement that may hold a block body. */
    private static final int LEADING_WORDS = 6;

    private final String script;
    private final String text;
    private final int length;
    private final ScriptDialect dialect;
    /** What ends a statement; only a MySQL script's {@code DELIMITER} command changes it. */
    private String delimiter = ";";
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

    /** A splitter with the {@link ScriptDialect#STANDARD} rules (SQL a Java migration executes). */
    public ScriptSplitter(String script, String text) {
        this(script, text, ScriptDialect.STANDARD);
    }

    /** A splitter with the rules of {@code dialect}. */
    public ScriptSplitter(String script, String text, ScriptDialect dialect) {
        this.script = script;
        this.text = text;
        this.length = text.length();
        this.dialect = dialect;
    }

    private boolean mysql() {
        return dialect == ScriptDialect.MYSQL;
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
            } else if (mysql() && !delimiter.equals(";") && text.startsWith(delimiter, position)) {
                endStatement();
                position += delimiter.length();
            } else if (c == '-' && next == '-' && (!mysql() || position + 2 >= length
                    || Character.isWhitespace(text.charAt(position + 2)))) {
                // MySQL reads "--" as a comment only before a space or a line end ("1--1" is arithmetic).
                skipToLineEnd();
            } else if (c == '#' && mysql()) {
                skipToLineEnd();
            } else if (c == '#' && dialect == ScriptDialect.PORTABLE && start < 0 && atLineStart()) {
                throw ambiguous("a line starting with '#', a comment only in MySQL and MariaDB.");
            } else if (c == '/' && next == '*' && !(mysql() && position + 2 < length
                    && (text.charAt(position + 2) == '!' || text.charAt(position + 2) == '+'))) {
                // In MySQL, /*! ... */ (versioned code) and /*+ ... */ (optimizer hints) are not comments.
                int commentLine = line;
                int after = mysql() ? endOfFlatComment(position) : endOfBlockComment(text, position);
                if (after < 0) {
                    throw unterminated(commentLine, "block comment /*", "*/");
                }
                skipTo(after);
            } else if (start < 0 && atLineStart() && isDelimiterCommand() && dialect != ScriptDialect.STANDARD) {
                if (!mysql()) {
                    throw ambiguous("a DELIMITER command, which only the mysql client reads.");
                }
                readDelimiterCommand();
            } else if (mysql() && start >= 0 && atLineStart() && isDelimiterCommand()) {
                throw ApiValues.get().sqlScriptProblem(script, line, "DELIMITER comes before the statement that "
                        + "starts at line " + startLine + " ended; the mysql client would run that statement with "
                        + "whatever follows. End it with " + delimiter + " before the DELIMITER line.");
            } else if (c == ';' && mysql()) {
                if (delimiter.equals(";")) {
                    if (mayHoldBlock && blockDepth > 0) {
                        int lineEnd = text.indexOf('\n', start);
                        String first = text.substring(start, lineEnd < 0 || lineEnd > position ? position : lineEnd)
                                .trim();
                        throw ApiValues.get().sqlScriptProblem(script, startLine, "the statement '" + first
                                + "' that starts here has a BEGIN ... END body, and the mysql client ends it at the "
                                + "first ';' inside the body (line " + line + "). Put 'DELIMITER //' on the line "
                                + "before it, end it with //, and put 'DELIMITER ;' after it.");
                    }
                    endStatement();
                } else {
                    startIfNeeded();
                    end = position + 1;
                }
                position++;
            } else if (c == ';' && blockDepth == 0 && parenDepth == 0) {
                if (start >= 0) {
                    statements.add(ApiValues.get().sqlStatement(text.substring(start, end), startLine));
                }
                resetStatement();
                position++;
            } else {
                startIfNeeded();
                readSignificant(c, next);
                end = position;
            }
        }
        if (start >= 0) {
            statements.add(ApiValues.get().sqlStatement(text.substring(start, end), startLine));
        }
        return statements;
    }

    private void startIfNeeded() {
        if (start < 0) {
            start = position;
            startLine = line;
        }
    }

    private void endStatement() {
        if (start >= 0) {
            statements.add(ApiValues.get().sqlStatement(text.substring(start, end), startLine));
        }
        resetStatement();
    }

    private void skipToLineEnd() {
        int newline = text.indexOf('\n', position);
        position = newline < 0 ? length : newline;
    }

    private void readSignificant(char c, char next) {
        boolean afterWord = position > 0 && isWordPart(text.charAt(position - 1));
        if (c == '\'') {
            skipQuoted('\'', "string literal '", "'", mysql());
        } else if ((c == 'E' || c == 'e') && next == '\'' && !afterWord && !mysql()) {
            position++;
            skipQuoted('\'', "escape string E'", "'", true);
        } else if (c == '"') {
            skipQuoted('"', mysql() ? "string literal \"" : "quoted identifier \"", "\"", mysql());
        } else if (c == '`') {
            skipQuoted('`', "quoted identifier `", "`", false);
        } else if (mysql()) {
            readMysqlSignificant(c);
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

    /** MySQL has no dollar quotes or bracketed identifiers, and its client ignores parentheses. */
    private void readMysqlSignificant(char c) {
        if (isWordStart(c)) {
            int wordStart = position;
            // A delimiter may follow a word directly ("END$$"), and '$' is part of a MySQL word.
            while (position < length && isWordPart(text.charAt(position))
                    && (delimiter.equals(";") || !text.startsWith(delimiter, position))) {
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
            mayHoldBlock = mysql() ? startsMysqlBlockStatement(leadingWords) : startsBlockStatement(leadingWords);
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
     * CREATE, then within the first words (after {@code DEFINER = ...}, {@code OR REPLACE}, ...)
     * TRIGGER, FUNCTION, PROCEDURE or EVENT: a MySQL statement that may hold a {@code BEGIN ... END}
     * body, which needs a {@code DELIMITER} other than {@code ;}.
     */
    private static boolean startsMysqlBlockStatement(List<String> words) {
        if (words.isEmpty() || !words.get(0).equals("CREATE")) {
            return false;
        }
        for (String word : words.subList(1, words.size())) {
            if (word.equals("TRIGGER") || word.equals("FUNCTION") || word.equals("PROCEDURE") || word.equals("EVENT")) {
                return true;
            }
        }
        return false;
    }

    /** Whether only blanks precede {@code position} on its line. */
    private boolean atLineStart() {
        for (int i = position - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '\n') {
                return true;
            }
            if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code DELIMITER} (any case) at {@code position}, followed by a blank or the line's end. */
    private boolean isDelimiterCommand() {
        int after = position + "DELIMITER".length();
        return text.regionMatches(true, position, "DELIMITER", 0, "DELIMITER".length())
                && (after >= length || Character.isWhitespace(text.charAt(after)));
    }

    /**
     * {@code DELIMITER <token>}, as the mysql client reads it: the first word after the command
     * (quotes around it removed) is the new delimiter; the rest of the line is ignored.
     */
    private void readDelimiterCommand() {
        int lineEnd = text.indexOf('\n', position);
        String rest = text.substring(position + "DELIMITER".length(), lineEnd < 0 ? length : lineEnd).trim();
        String token = rest.isEmpty() ? "" : rest.split("\\s+", 2)[0];
        if (token.length() >= 2 && (token.charAt(0) == '\'' || token.charAt(0) == '"' || token.charAt(0) == '`')
                && token.charAt(token.length() - 1) == token.charAt(0)) {
            token = token.substring(1, token.length() - 1);
        }
        if (token.isEmpty()) {
            throw ApiValues.get().sqlScriptProblem(script, line, "DELIMITER names no delimiter. Write, for example, "
                    + "'DELIMITER //', and 'DELIMITER ;' to go back.");
        }
        if (token.indexOf('\\') >= 0) {
            throw ApiValues.get().sqlScriptProblem(script, line, "the delimiter '" + token + "' contains a "
                    + "backslash, which the mysql client refuses. Choose another, for example //.");
        }
        delimiter = token;
        position = lineEnd < 0 ? length : lineEnd;
    }

    /** The index after a block comment that does not nest (MySQL's), or -1 when it is not closed. */
    private int endOfFlatComment(int at) {
        int close = text.indexOf("*/", at + 2);
        return close < 0 ? -1 : close + 2;
    }

    /** A problem that declaring the dialect settles, at the current line. */
    private SqlScriptException ambiguous(String what) {
        return ApiValues.get().sqlScriptProblem(script, line, "the script declares no dialect, and it has " + what
                + " " + ScriptDialect.NAME_IT + ": '-- dialect: mysql' for MySQL and MariaDB, or '-- dialect: "
                + "standard' for PostgreSQL, SQLite and H2.");
    }

    /**
     * Skips a quoted run that starts at {@code position}; a doubled quote is an escaped quote, and
     * with {@code backslashEscapes} (PostgreSQL's {@code E'...'}) a backslash escapes the next character.
     * In a script without a dialect, an odd run of backslashes before the quote character is
     * refused: MySQL would read the quote as escaped and split the script differently.
     */
    private void skipQuoted(char quote, String what, String closing, boolean backslashEscapes) {
        int openLine = line;
        position++;
        while (position < length) {
            char c = text.charAt(position);
            if (c == '\n') {
                line++;
            } else if (!backslashEscapes && c == '\\' && dialect == ScriptDialect.PORTABLE && quote != '`') {
                int run = 0;
                while (position + run < length && text.charAt(position + run) == '\\') {
                    run++;
                }
                if (run % 2 == 1 && position + run < length && text.charAt(position + run) == quote) {
                    throw ambiguous("a backslash before " + quote + " inside " + what + "...: MySQL and MariaDB "
                            + "read it as an escaped quote, PostgreSQL, SQLite and H2 as a backslash that ends the "
                            + "quoted text, so the statements would be split differently.");
                }
                position += run - 1;
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
        end = 0;
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
