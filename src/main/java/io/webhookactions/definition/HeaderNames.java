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

    /** A header value as written: a line break or NUL would split the header, and values are ASCII (SPEC §11). */
    static void checkValue(String value, String pointer, Problems problems) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
            problems.add(pointer, "contains a line break or NUL, which would split the header; remove it");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7E) {
                problems.add(pointer, "has a character that is not visible ASCII at position " + (i + 1) + "; header values are"
                        + " ASCII, so write it percent-encoded or base64-encoded");
                return;
            }
        }
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
