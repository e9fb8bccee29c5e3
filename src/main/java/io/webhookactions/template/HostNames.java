package io.webhookactions.template;

/** What an attribute may put into the host part of a URL: host-name characters, an IP, a port. */
final class HostNames {

    private HostNames() {
    }

    /**
     * True for a whole or partial host: letters, digits, '-' and '.', optionally ':port', or a bracketed
     * IPv6 address. Anything that could end the authority ('/', '?', '#', '@', whitespace) is refused.
     */
    static boolean isHostFragment(String text) {
        if (text.isEmpty() || text.length() > 253 + 6) {
            return false;
        }
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || !isIpv6(text.substring(1, close))) {
                return false;
            }
            return close == text.length() - 1 || isPort(text.substring(close + 1));
        }
        int colon = text.indexOf(':');
        String host = colon < 0 ? text : text.substring(0, colon);
        if (colon >= 0 && !isPort(text.substring(colon))) {
            return false;
        }
        if (host.isEmpty() || host.startsWith("-") || host.endsWith("-") || host.contains("..")) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPort(String text) {
        if (text.length() < 2 || text.length() > 6 || text.charAt(0) != ':') {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        int port = Integer.parseInt(text.substring(1));
        return port >= 1 && port <= 65535;
    }

    private static boolean isIpv6(String text) {
        if (text.isEmpty() || text.length() > 45) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = Character.digit(c, 16) >= 0 || c == ':' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
