package io.webhookactions.template;

/**
 * A header value template. A rendered value holding CR, LF or NUL could split the header and inject
 * another one, and one holding other characters than visible ASCII would be mangled on the wire, so either
 * fails the execution before anything is sent.
 */
public final class HeaderTemplate {

    private final String name;
    private final Template template;

    public HeaderTemplate(String name, Template template) {
        this.name = name;
        this.template = template;
    }

    public String name() {
        return name;
    }

    public Template template() {
        return template;
    }

    /**
     * @throws RenderException when the value holds anything but visible ASCII, space and tab (SPEC §11): a line
     *                         break or NUL could split the header, and anything else would be sent as '?'. The
     *                         message names the position, never the value (it may come from a secret).
     */
    public String render(Scope scope) {
        String value = template.render(scope);
        checkValue(value);
        return value;
    }

    /** The value as shown to people (secrets masked): never sent, so not held to the wire's rules. */
    public String renderShown(Scope scope) {
        return template.render(scope);
    }

    private void checkValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                throw new RenderException("header " + name + ": the rendered value contains a line break or NUL"
                        + " (from " + template.source().strip() + ")");
            }
            if ((c < 0x20 && c != '\t') || c > 0x7E) {
                throw new RenderException("header " + name + ": the rendered value has a character that is not visible ASCII"
                        + " at position " + (i + 1) + " (from " + template.source().strip() + "); header values are ASCII:"
                        + " encode the value, e.g. {... | url_encode} or {... | base64}");
            }
        }
    }
}
