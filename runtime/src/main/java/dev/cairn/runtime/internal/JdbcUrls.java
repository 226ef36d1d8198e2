package dev.cairn.runtime.internal;

import java.util.regex.Pattern;

/**
 * Removes credentials from JDBC URLs before they reach a message or a log line: the user-info
 * part ({@code //user:secret@host}) and the values of parameters that look like secrets.
 */
public final class JdbcUrls {

    private static final Pattern USER_INFO = Pattern.compile("//[^/@?;]*@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&;:](?:password|passwd|pwd|secret|token|key|sslpassword|sslkey|credentials?|user|username)=)[^&;]*");

    private JdbcUrls() {
    }

    /** The URL with credentials replaced by {@code ***}. */
    public static String sanitize(String url) {
        if (url == null) {
            return "null";
        }
        String withoutUserInfo = USER_INFO.matcher(url).replaceAll("//***@");
        return SECRET_PARAMETER.matcher(withoutUserInfo).replaceAll("$1***");
    }
}
