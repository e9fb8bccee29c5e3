package io.webhookactions.template;

import io.webhookactions.attribute.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses attribute syntax (SPEC §3) into segments, once, at load:
 * <pre>
 *   template   = ( text | "\{" | "\}" | "{{" key "}}" | "{" expression "}" )*
 *   expression = ws reference ws ( "|" ws filter ( ws argument )* ws )*
 *   reference  = [ context "." ] name accessor*      accessor = "." key | "[" ( int | key | 'key' | "key" ) "]"
 *   argument   = "double quoted" | @reference | bare-word
 * </pre>
 * Every error carries the 1-based column where it starts and says how to write it instead.
 */
final class TemplateParser {

    private final String source;
    private int pos;

    private TemplateParser(String source) {
        this.source = source;
    }

    static List<Segment> parse(String source) {
        return new TemplateParser(source).template();
    }

    private List<Segment> template() {
        List<Segment> segments = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (c == '\\' && pos + 1 < source.length() && (peek(1) == '{' || peek(1) == '}')) {
                text.append(peek(1));
                pos += 2;
            } else if (c == '{') {
                if (text.length() > 0) {
                    segments.add(new Segment.Text(text.toString()));
                    text.setLength(0);
                }
                segments.add(peek(1) == '{' ? placeholder() : expression());
            } else if (c == '}') {
                throw error(pos, "unexpected '}'; write \\} for a literal brace");
            } else {
                text.append(c);
                pos++;
            }
        }
        if (text.length() > 0) {
            segments.add(new Segment.Text(text.toString()));
        }
        return segments;
    }

    private Segment placeholder() {
        int start = pos;
        int end = source.indexOf("}}", pos + 2);
        if (end < 0) {
            throw error(start, "'{{' opens a property placeholder that is never closed; write {{key}}, or \\{ for a literal brace");
        }
        String key = source.substring(pos + 2, end).strip();
        if (key.isEmpty() || key.contains("{") || key.contains("}")) {
            throw error(start, "a property placeholder needs a key: {{crm.base-url}}");
        }
        pos = end + 2;
        return new Segment.Placeholder(key);
    }

    private Segment expression() {
        int open = pos;
        int close = closingBrace(open);
        pos = open + 1;
        skipSpaces(close);
        if (pos == close) {
            throw error(open, "empty reference '{}'; write {attribute} or \\{ for a literal brace");
        }
        Reference reference = reference(close, open);
        List<FilterCall> filters = new ArrayList<>();
        skipSpaces(close);
        while (pos < close) {
            if (source.charAt(pos) != '|') {
                throw error(pos, "expected '|' before a filter or '}' to close the reference, found '" + source.charAt(pos)
                        + "'; write {name | filter arg}");
            }
            pos++;
            skipSpaces(close);
            filters.add(filter(close));
            skipSpaces(close);
        }
        pos = close + 1;
        return new Segment.Expression(reference, filters, source.substring(open, close + 1));
    }

    /** The '}' that closes the reference opened at {@code open}, skipping double-quoted arguments. */
    private int closingBrace(int open) {
        boolean quoted = false;
        for (int i = open + 1; i < source.length(); i++) {
            char c = source.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '}') {
                return i;
            } else if (c == '{') {
                break;
            }
        }
        throw error(open, quoted ? "a quoted filter argument is never closed; end it with \" (a key in brackets takes single"
                + " quotes: ['key'])"
                : "'{' is never closed; write {attribute} or \\{ for a literal brace");
    }

    private Reference reference(int end, int open) {
        int start = pos;
        String first = identifier(end, "an attribute name");
        Context context = Context.USER;
        String name = first;
        if (pos < end && source.charAt(pos) == '.' && Context.ofKey(first).isPresent()) {
            context = Context.ofKey(first).get();
            pos++;
            name = identifier(end, "an attribute name after '" + first + ".'");
        }
        List<Accessor> path = new ArrayList<>();
        while (pos < end) {
            char c = source.charAt(pos);
            if (c == '.') {
                pos++;
                path.add(new Accessor.Key(identifier(end, "a key after '.'")));
            } else if (c == '[') {
                path.add(bracket(end));
            } else {
                break;
            }
        }
        if (pos < end && !Character.isWhitespace(source.charAt(pos)) && source.charAt(pos) != '|') {
            throw error(pos, "unexpected '" + source.charAt(pos) + "' in reference '" + source.substring(start, end).strip()
                    + "'; names use letters, digits, '_' and '-', keys go in .key or ['key']");
        }
        return new Reference(context, name, path);
    }

    private Accessor bracket(int end) {
        int open = pos;
        pos++;
        int close = source.indexOf(']', pos);
        if (close < 0 || close > end) {
            throw error(open, "'[' is never closed; write [0] or ['key']");
        }
        String inside = source.substring(pos, close).strip();
        pos = close + 1;
        if (inside.isEmpty()) {
            throw error(open, "empty accessor '[]'; write [0] or ['key']");
        }
        char quote = inside.charAt(0);
        if (quote == '\'' || quote == '"') {
            if (inside.length() < 2 || inside.charAt(inside.length() - 1) != quote) {
                throw error(open, "the key in " + source.substring(open, close + 1) + " is not closed with " + quote);
            }
            return new Accessor.Key(inside.substring(1, inside.length() - 1));
        }
        if (inside.matches("-?[0-9]+")) {
            return new Accessor.Index(index(inside, open));
        }
        return new Accessor.Key(inside);
    }

    /**
     * A bracketed whole number is always an index: read as a key beyond nine digits, [1234567890] never read an element
     * and [99999999999999999999] quietly read an object's field of that name.
     */
    private int index(String digits, int open) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            String limit = digits.startsWith("-") ? "is too small; indexes go down to " + Integer.MIN_VALUE
                    : "is too large; indexes go up to " + Integer.MAX_VALUE;
            throw error(open, "index " + digits + " " + limit + " (write ['" + digits + "'] for a key of that name)");
        }
    }

    private FilterCall filter(int end) {
        int start = pos;
        String name = identifier(end, "a filter name after '|'");
        List<Argument> arguments = new ArrayList<>();
        skipSpaces(end);
        while (pos < end && source.charAt(pos) != '|') {
            arguments.add(argument(end));
            skipSpaces(end);
        }
        try {
            return new FilterCall(name, arguments, Filters.compile(name, arguments));
        } catch (IllegalArgumentException e) {
            throw error(start, e.getMessage());
        }
    }

    private Argument argument(int end) {
        char c = source.charAt(pos);
        if (c == '"') {
            int open = pos;
            StringBuilder text = new StringBuilder();
            pos++;
            while (pos < end && source.charAt(pos) != '"') {
                if (source.charAt(pos) == '\\' && pos + 1 < end) {
                    pos++;
                }
                text.append(source.charAt(pos++));
            }
            if (pos >= end) {
                // The search for the closing brace paired this quote otherwise (a bare word before it held a quote).
                throw error(open, "a quoted filter argument is never closed; end it with \"");
            }
            pos++;
            return new Argument.Literal(text.toString());
        }
        if (c == '@') {
            pos++;
            // reference() itself reports a missing name ("expected an attribute name, found ...").
            return new Argument.Attribute(reference(end, pos));
        }
        int start = pos;
        while (pos < end && !Character.isWhitespace(source.charAt(pos)) && source.charAt(pos) != '|') {
            pos++;
        }
        return new Argument.Literal(source.substring(start, pos));
    }

    private String identifier(int end, String what) {
        int start = pos;
        while (pos < end && isNameChar(source.charAt(pos), pos == start)) {
            pos++;
        }
        if (pos == start) {
            String found = pos < end ? "'" + source.charAt(pos) + "'" : "the end of the reference";
            throw error(start, "expected " + what + ", found " + found);
        }
        return source.substring(start, pos);
    }

    private static boolean isNameChar(char c, boolean first) {
        boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        return first ? letter : letter || (c >= '0' && c <= '9') || c == '-';
    }

    private void skipSpaces(int end) {
        while (pos < end && Character.isWhitespace(source.charAt(pos))) {
            pos++;
        }
    }

    private char peek(int ahead) {
        int at = pos + ahead;
        return at < source.length() ? source.charAt(at) : '\0';
    }

    private TemplateSyntaxException error(int at, String reason) {
        return new TemplateSyntaxException(at + 1, reason);
    }
}
