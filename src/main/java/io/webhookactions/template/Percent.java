package io.webhookactions.template;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding with an explicit set of characters left as they are. Used for URL path segments and
 * query components, where a value must never add a separator.
 */
public final class Percent {

    /** RFC 3986 unreserved characters: ALPHA DIGIT - . _ ~ */
    public static final String UNRESERVED = "-._~";
    /** A path segment may also keep these sub-delims and ':' '@' (RFC 3986 pchar) — but never '/', '?', '#'. */
    public static final String PATH_SEGMENT = "-._~!$'()*,;:@";
    /** A query name or value keeps unreserved and a few safe sub-delims — never '&', '=', '+', '#'. */
    public static final String QUERY_COMPONENT = "-._~!$'()*,;:@/?";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Percent() {
    }

    public static String encode(String text, String keep) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isAlphaNumeric(c) || (c < 128 && keep.indexOf(c) >= 0)) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
            for (byte b : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
            i = end - 1;
        }
        return out == null ? text : out.toString();
    }

    private static boolean isAlphaNumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
