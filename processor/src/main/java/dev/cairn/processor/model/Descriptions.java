package dev.cairn.processor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Derives a readable description from a migration's class name, for migrations whose
 * {@code @Migration} gives none.
 *
 * <pre>{@code
 * Descriptions.fromClassName("AddUserEmail");   // "Add user email"
 * Descriptions.fromClassName("V2AddSSLCerts");  // "V2 add SSL certs"
 * Descriptions.fromClassName("CreateHTTPLog");  // "Create HTTP log"
 * Descriptions.fromClassName("Add2Columns");    // "Add 2 columns"
 * Descriptions.fromClassName("create_users");   // "Create users"
 * }</pre>
 */
public final class Descriptions {

    private Descriptions() {
    }

    /**
     * Splits the name into words at case changes, digits and underscores; keeps acronyms and
     * tokens without lower-case letters (SSL, V2) as written, lower-cases the other words, and
     * capitalizes the first.
     */
    public static String fromClassName(String simpleName) {
        List<String> words = split(simpleName);
        if (words.isEmpty()) {
            return simpleName;
        }
        StringBuilder description = new StringBuilder();
        for (String word : words) {
            if (description.length() > 0) {
                description.append(' ');
                description.append(isAcronym(word) ? word : word.toLowerCase(Locale.ROOT));
            } else {
                description.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return description.toString();
    }

    private static List<String> split(String name) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char current = name.charAt(i);
            if (current == '_' || current == '$') {
                flush(word, words);
                continue;
            }
            if (word.length() > 0 && startsNewWord(name, i)) {
                flush(word, words);
            }
            word.append(current);
        }
        flush(word, words);
        return words;
    }

    private static boolean startsNewWord(String name, int i) {
        char previous = name.charAt(i - 1);
        char current = name.charAt(i);
        boolean nextIsLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        if (Character.isUpperCase(current)) {
            // "userEmail" splits before E; "SSLCerts" splits before C, the start of "Certs";
            // "2Add" splits before A.
            return Character.isLowerCase(previous)
                    || Character.isDigit(previous)
                    || (Character.isUpperCase(previous) && nextIsLower);
        }
        if (Character.isDigit(current)) {
            // "Add2" splits, but "V2" and "SHA256" stay one token.
            return Character.isLowerCase(previous);
        }
        return false;
    }

    private static boolean isAcronym(String word) {
        if (word.length() < 2) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (Character.isLowerCase(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
        }
    }
}
