package io.webhookactions.definition;

import io.webhookactions.template.Segment;
import io.webhookactions.template.Template;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The static part of the URL check: the scheme is written literally as http or https and, where the
 * host is written literally, it is a valid host. Attribute values are checked again when rendered.
 */
final class UrlShape {

    private UrlShape() {
    }

    static void check(Template url, String pointer, Problems problems) {
        if (url.segments().isEmpty()) {
            return;
        }
        Segment first = url.segments().get(0);
        if (first instanceof Segment.Placeholder) {
            return; // resolved by Camel when the route loads; checked then
        }
        if (!(first instanceof Segment.Text text)) {
            problems.add(pointer, "must start with http:// or https://; the scheme and host cannot come entirely from an"
                    + " attribute (write https://{global.host}/... or use a {{property}})");
            return;
        }
        String literal = text.text();
        String lower = literal.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            String scheme = literal.contains("://") ? "\"" + literal.substring(0, literal.indexOf("://")) + "\"" : "no scheme";
            problems.add(pointer, "must be an absolute http(s) URL, found " + scheme + "; start it with https:// or http://");
            return;
        }
        int authorityStart = literal.indexOf("://") + 3;
        int authorityEnd = indexOfAny(literal, authorityStart, "/?#");
        boolean authorityIsLiteral = authorityEnd >= 0 || url.segments().size() == 1;
        if (!authorityIsLiteral) {
            return; // part of the host comes from an attribute: validated when rendered
        }
        String authority = literal.substring(authorityStart, authorityEnd < 0 ? literal.length() : authorityEnd);
        if (authority.isEmpty()) {
            problems.add(pointer, "has no host; write https://HOST/path");
            return;
        }
        if (authority.contains("@")) {
            problems.add(pointer, "must not carry credentials in the URL (user:password@); use authentication instead");
            return;
        }
        try {
            URI uri = new URI("http://" + authority + "/");
            if (uri.getHost() == null) {
                problems.add(pointer, "\"" + authority + "\" is not a valid host[:port]");
            } else if (uri.getPort() > 65535) {
                problems.add(pointer, "port " + uri.getPort() + " is out of range (1..65535)");
            }
        } catch (URISyntaxException e) {
            problems.add(pointer, "\"" + authority + "\" is not a valid host[:port]");
        }
        if (url.segments().size() == 1) {
            try {
                new URI(literal);
            } catch (URISyntaxException e) {
                problems.add(pointer, "is not a valid URL (" + e.getReason() + " at index " + e.getIndex()
                        + "); percent-encode spaces and special characters");
            }
        }
    }

    private static int indexOfAny(String text, int from, String characters) {
        for (int i = from; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
