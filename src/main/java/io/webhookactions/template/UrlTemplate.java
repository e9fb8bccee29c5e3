package io.webhookactions.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A URL template compiled at load: each expression knows which URL component it stands in (decided by
 * the literal text around it, never by a value), and its value is encoded for that component only. A
 * value can therefore never add a path segment or a query parameter, and a host-position value must be
 * a host.
 */
public final class UrlTemplate {

    /** Where in the URL an expression stands. */
    public enum Component { HOST, PATH, QUERY_NAME, QUERY_VALUE, FRAGMENT }

    private sealed interface Part {
    }

    private record Literal(String text) implements Part {
    }

    private record Value(Segment.Expression expression, Component component, boolean preEncoded) implements Part {
    }

    private final String source;
    private final String display;
    private final List<Part> parts;
    private final boolean hostIsTemplated;

    private UrlTemplate(String source, String display, List<Part> parts) {
        this.source = source;
        this.display = display;
        this.parts = List.copyOf(parts);
        this.hostIsTemplated = parts.stream().anyMatch(part -> part instanceof Value value && value.component() == Component.HOST);
    }

    /**
     * Compiles a parsed URL template whose {@code {{placeholders}}} were already resolved.
     *
     * @throws TemplateSyntaxException when an expression stands in the scheme or a placeholder is left
     */
    public static UrlTemplate compile(Template template) {
        List<Part> parts = new ArrayList<>();
        State state = new State();
        for (Segment segment : template.segments()) {
            if (segment instanceof Segment.Text text) {
                parts.add(new Literal(text.text()));
                state.advance(text.text());
            } else if (segment instanceof Segment.Expression expression) {
                Component component = state.component();
                if (component == null) {
                    throw new TemplateSyntaxException(1, "the scheme (http:// or https://) must be written literally before any"
                            + " attribute reference");
                }
                parts.add(new Value(expression, component, endsWithUrlEncode(expression)));
            } else {
                throw new TemplateSyntaxException(1, "property placeholder {{" + ((Segment.Placeholder) segment).key()
                        + "}} must be resolved before the URL is compiled");
            }
        }
        UrlTemplate url = new UrlTemplate(template.source(), template.display(), parts);
        url.checkShape();
        return url;
    }

    /**
     * Proves at load that the literal text makes a valid absolute http(s) URL whatever the values are:
     * every value is encoded for its component (or, in the host, restricted to host characters), so a
     * sample value in each place stands for all of them. Rendering then needs no URL parsing.
     */
    private void checkShape() {
        StringBuilder sample = new StringBuilder();
        for (Part part : parts) {
            boolean afterColon = sample.length() > 0 && sample.charAt(sample.length() - 1) == ':';
            sample.append(part instanceof Literal literal ? literal.text()
                    : ((Value) part).component() == Component.HOST && afterColon ? "1" : "x");
        }
        try {
            check(sample.toString());
        } catch (RenderException e) {
            throw new TemplateSyntaxException(1, e.getMessage().replace("the rendered URL", "the URL"));
        }
    }

    /**
     * True when an attribute reference stands in the host, judged by the same reading of the literal text
     * as {@link #compile}. A {@code {{property}}} counts as literal: at the start it supplies scheme and
     * host, elsewhere it is text of the component it stands in.
     */
    public static boolean hostHasAttribute(Template template) {
        State state = new State();
        for (Segment segment : template.segments()) {
            if (segment instanceof Segment.Text text) {
                state.advance(text.text());
            } else if (segment instanceof Segment.Placeholder) {
                state.advance(state.component() == null ? "property://host" : "x");
            } else if (state.component() == Component.HOST) {
                return true;
            }
        }
        return false;
    }

    /** An explicit {@code | url_encode} at the end means the value is already encoded; don't encode twice. */
    private static boolean endsWithUrlEncode(Segment.Expression expression) {
        List<FilterCall> filters = expression.filters();
        return !filters.isEmpty() && filters.get(filters.size() - 1).name().equals("url_encode");
    }

    /** The host when it is written literally (no attribute in it), else empty. */
    public java.util.Optional<String> literalHost() {
        if (hostIsTemplated || parts.isEmpty() || !(parts.get(0) instanceof Literal first)) {
            return java.util.Optional.empty();
        }
        String text = first.text();
        int start = text.indexOf("://") + 3;
        int end = start;
        while (end < text.length() && "/?#".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        String authority = text.substring(start, end);
        return java.util.Optional.of(URI.create("http://" + authority + "/").getHost());
    }

    /** The URL for people to read: properties resolved, each attribute reference as written. */
    public String display() {
        return display;
    }

    /** The component of each expression, in order (for tests and documentation). */
    public List<Component> components() {
        return parts.stream().filter(Value.class::isInstance).map(part -> ((Value) part).component()).toList();
    }

    /**
     * Renders the URL.
     *
     * @throws RenderException when a host-position value is not a host or the result is not an absolute
     *                         http(s) URL
     */
    public String render(Scope scope) {
        StringBuilder url = new StringBuilder(source.length() + 64);
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                url.append(literal.text());
                continue;
            }
            Value value = (Value) part;
            JsonNode result = Template.evaluate(value.expression(), scope);
            String text = Values.asText(result);
            url.append(encode(text, value, source));
        }
        String rendered = url.toString();
        if (hostIsTemplated) {
            // Values that are each host-like can still combine into an invalid authority (a port in the middle).
            check(rendered);
        }
        return rendered;
    }

    private static String encode(String text, Value value, String source) {
        if (value.component() == Component.HOST) {
            if (!HostNames.isHostFragment(text)) {
                throw new RenderException("the value of {" + value.expression().reference()
                        + "} in the host of the URL is not a valid host name or IP address");
            }
            return text;
        }
        if (value.component() == Component.PATH && (text.equals(".") || text.equals(".."))) {
            // A whole dot segment would remove a segment once the path is normalised (SPEC §11).
            return text.equals(".") ? "%2E" : "%2E%2E";
        }
        if (value.preEncoded()) {
            return Percent.encode(text, Percent.UNRESERVED + "%+");
        }
        return Percent.encode(text, value.component() == Component.PATH ? Percent.PATH_SEGMENT : Percent.QUERY_COMPONENT);
    }

    private static void check(String rendered) {
        URI uri;
        try {
            uri = new URI(rendered);
        } catch (URISyntaxException e) {
            throw new RenderException("the rendered URL is not valid (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RenderException("the rendered URL is not an absolute http(s) URL");
        }
        String authority = uri.getRawAuthority();
        String host = authority == null ? null : hostOf(authority);
        String numeric = host == null ? null : io.webhookactions.host.HostAddresses.numericFormProblem(host);
        if (numeric != null) {
            throw new RenderException(numeric);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new RenderException("the rendered URL has no valid host (a host attribute may be empty)");
        }
    }

    /** The host of an authority without port or user info: {@code [::1]} keeps its brackets. */
    private static String hostOf(String authority) {
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(0, close + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    @Override
    public String toString() {
        return source;
    }

    /** Tracks the URL component the literal text has reached. */
    private static final class State {
        private Component component;
        /** The last characters (at most three) of the text before the host. */
        private String schemeSeen = "";

        Component component() {
            return component;
        }

        void advance(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (component == null) {
                    // Only the last three characters can complete "://": searching all of them made this quadratic.
                    schemeSeen = (schemeSeen + c).substring(Math.max(0, schemeSeen.length() - 2));
                    if (schemeSeen.equals("://")) {
                        component = Component.HOST;
                    }
                    continue;
                }
                component = switch (component) {
                    case HOST -> c == '/' ? Component.PATH : c == '?' ? Component.QUERY_NAME : c == '#' ? Component.FRAGMENT : component;
                    case PATH -> c == '?' ? Component.QUERY_NAME : c == '#' ? Component.FRAGMENT : component;
                    case QUERY_NAME -> c == '=' ? Component.QUERY_VALUE : c == '#' ? Component.FRAGMENT : component;
                    case QUERY_VALUE -> c == '&' ? Component.QUERY_NAME : c == '#' ? Component.FRAGMENT : component;
                    case FRAGMENT -> component;
                };
            }
        }
    }
}
