package io.webhookactions.template;

/**
 * Finding text in text in linear time. {@code String.indexOf} compares naively: with the text and the search both
 * from attributes ({@code replace @user.from @user.to}, {@code where . @user.v contains}) 400 000 characters searched
 * for a 200 001-character miss took 13 s. Long searches therefore use Knuth-Morris-Pratt; short ones keep
 * {@code indexOf}, whose worst case (text length × {@value #SHORT}) stays small and whose usual case is faster.
 */
final class TextSearch {

    private static final int SHORT = 64;

    private final String pattern;
    /** {@code failure[i]}: the length of the longest proper prefix of pattern[0..i] that is also its suffix; null for short patterns. */
    private int[] failure;

    private TextSearch(String pattern) {
        this.pattern = pattern;
    }

    static boolean contains(String text, String pattern) {
        return new TextSearch(pattern).indexOf(text, 0) >= 0;
    }

    /** Non-overlapping occurrences, from the left, as {@link String#replace} finds them. */
    static int count(String text, String pattern) {
        TextSearch search = new TextSearch(pattern);
        int count = 0;
        for (int at = search.indexOf(text, 0); at >= 0; at = search.indexOf(text, at + pattern.length())) {
            count++;
        }
        return count;
    }

    /** {@link String#replace(CharSequence, CharSequence)} for a non-empty {@code pattern}. */
    static String replace(String text, String pattern, String replacement) {
        TextSearch search = new TextSearch(pattern);
        int at = search.indexOf(text, 0);
        if (at < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (; at >= 0; at = search.indexOf(text, copied)) {
            out.append(text, copied, at).append(replacement);
            copied = at + pattern.length();
        }
        return out.append(text, copied, text.length()).toString();
    }

    private int indexOf(String text, int from) {
        if (pattern.length() <= SHORT || text.length() - from < pattern.length()) {
            return text.indexOf(pattern, from);
        }
        if (failure == null) {
            failure = failure(pattern);
        }
        int matched = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            while (matched > 0 && pattern.charAt(matched) != c) {
                matched = failure[matched - 1];
            }
            if (pattern.charAt(matched) == c) {
                matched++;
            }
            if (matched == pattern.length()) {
                return i - matched + 1;
            }
        }
        return -1;
    }

    private static int[] failure(String pattern) {
        int[] failure = new int[pattern.length()];
        int length = 0;
        for (int i = 1; i < pattern.length(); i++) {
            while (length > 0 && pattern.charAt(i) != pattern.charAt(length)) {
                length = failure[length - 1];
            }
            if (pattern.charAt(i) == pattern.charAt(length)) {
                length++;
            }
            failure[i] = length;
        }
        return failure;
    }
}
