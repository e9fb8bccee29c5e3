package io.webhookactions.perimeter;

/** Action-name patterns of API keys: {@code *} stands for any run of characters ({@code get_*}, {@code *_read}). */
final class ActionPatterns {

    private ActionPatterns() {
    }

    static boolean matches(String pattern, String name) {
        return matches(pattern, 0, name, 0);
    }

    /** Iterative glob match with backtracking to the last star: linear for any pattern a user writes. */
    private static boolean matches(String pattern, int p, String name, int n) {
        int star = -1;
        int resume = 0;
        while (n < name.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = n;
            } else if (p < pattern.length() && pattern.charAt(p) == name.charAt(n)) {
                p++;
                n++;
            } else if (star >= 0) {
                p = star + 1;
                n = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /** True for a pattern a key may carry: action-name characters and stars. */
    static boolean isValid(String pattern) {
        return !pattern.isEmpty() && pattern.chars().allMatch(c -> c == '*' || c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
    }
}
