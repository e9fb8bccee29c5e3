package io.webhookactions.definition;

/** Header names must be RFC 7230 tokens; {@code Content-Type} is owned by the product. */
final class HeaderNames {

    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private HeaderNames() {
    }

    static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || TOKEN_SYMBOLS.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static void check(String name, String pointer, Problems problems) {
        if (!isToken(name)) {
            problems.add(pointer, "\"" + name + "\" is not a valid header name; use letters, digits and !#$%&'*+-.^_`|~ "
                    + "(no spaces, colons or brackets), e.g. X-Request-Id");
        } else if (name.equalsIgnoreCase("Content-Type")) {
            problems.add(pointer, "Content-Type is always application/json and is set automatically; remove this header");
        } else if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Host")
                || name.equalsIgnoreCase("Transfer-Encoding") || name.equalsIgnoreCase("Connection")) {
            problems.add(pointer, name + " is set by the HTTP client from the request itself; remove this header");
        }
    }
}
