package dev.cairn.processor.checksum;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Java source text into tokens, dropping comments and whitespace and keeping string,
 * character and text block literals exactly as written. Two sources that differ only in
 * comments, indentation or line breaks give the same tokens.
 *
 * <p>This is deliberately not a full Java lexer: it only needs to be stable, to separate what
 * formatting separates, and to keep apart what a compiler keeps apart. Operators are split by
 * longest match, so {@code i++ + j} and {@code i + ++j} stay different.
 *
 * <pre>{@code
 * JavaTokenizer.tokenize("int x = 1; // one");  // [int, x, =, 1, ;]
 * }</pre>
 */
public final class JavaTokenizer {

    /** Longest first, so that the first match is the longest. */
    private static final String[] OPERATORS = {
        ">>>=", "<<=", ">>=", ">>>", "...", "->", "::", "++", "--", "&&", "||", "==", "!=", "<=",
        ">=", "+=", "-=", "*=", "/=", "&=", "|=", "^=", "%=", "<<", ">>"
    };

    private JavaTokenizer() {
    }

    /** The tokens of {@code source}, in order. Unterminated literals or comments end at the end of input. */
    public static List<String> tokenize(CharSequence source) {
        List<String> tokens = new ArrayList<>();
        int length = source.length();
        int i = 0;
        while (i < length) {
            char c = source.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < length && source.charAt(i + 1) == '/') {
                i = endOfLine(source, i);
            } else if (c == '/' && i + 1 < length && source.charAt(i + 1) == '*') {
                i = endOfBlockComment(source, i + 2);
            } else if (startsWith(source, i, "\"\"\"")) {
                int end = endOfTextBlock(source, i + 3);
                tokens.add(source.subSequence(i, end).toString());
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = endOfQuoted(source, i + 1, c);
                tokens.add(source.subSequence(i, end).toString());
                i = end;
            } else if (Character.isJavaIdentifierStart(c) || Character.isDigit(c)
                    || (c == '.' && i + 1 < length && Character.isDigit(source.charAt(i + 1)))) {
                int end = endOfWord(source, i);
                tokens.add(source.subSequence(i, end).toString());
                i = end;
            } else {
                String operator = operatorAt(source, i);
                tokens.add(operator);
                i += operator.length();
            }
        }
        return tokens;
    }

    private static int endOfLine(CharSequence source, int from) {
        int i = from;
        while (i < source.length() && source.charAt(i) != '\n' && source.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    private static int endOfBlockComment(CharSequence source, int from) {
        for (int i = from; i + 1 < source.length(); i++) {
            if (source.charAt(i) == '*' && source.charAt(i + 1) == '/') {
                return i + 2;
            }
        }
        return source.length();
    }

    private static int endOfTextBlock(CharSequence source, int from) {
        int i = from;
        while (i < source.length()) {
            if (source.charAt(i) == '\\') {
                i += 2;
            } else if (startsWith(source, i, "\"\"\"")) {
                return i + 3;
            } else {
                i++;
            }
        }
        return source.length();
    }

    private static int endOfQuoted(CharSequence source, int from, char quote) {
        int i = from;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote || c == '\n') {
                return i + 1;
            } else {
                i++;
            }
        }
        return source.length();
    }

    /** Identifiers, keywords and number literals, including 1.5e-3, 0x1F and 1_000L. */
    private static int endOfWord(CharSequence source, int from) {
        boolean number = Character.isDigit(source.charAt(from)) || source.charAt(from) == '.';
        int i = from;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (Character.isJavaIdentifierPart(c) && !Character.isIdentifierIgnorable(c)) {
                i++;
            } else if (number && c == '.') {
                i++;
            } else if (number && (c == '+' || c == '-')
                    && isExponent(source.charAt(i - 1), isHex(source, from))) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean isExponent(char c, boolean hex) {
        return hex ? c == 'p' || c == 'P' : c == 'e' || c == 'E';
    }

    private static boolean isHex(CharSequence source, int from) {
        return startsWith(source, from, "0x") || startsWith(source, from, "0X");
    }

    private static String operatorAt(CharSequence source, int i) {
        for (String operator : OPERATORS) {
            if (startsWith(source, i, operator)) {
                return operator;
            }
        }
        return String.valueOf(source.charAt(i));
    }

    private static boolean startsWith(CharSequence source, int at, String prefix) {
        if (at + prefix.length() > source.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (source.charAt(at + k) != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
