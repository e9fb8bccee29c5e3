package io.webhookactions.template;

/**
 * A header value template. A rendered value holding CR, LF or NUL could split the header and inject
 * another one, so it fails the execution before anything is sent.
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

    /** @throws RenderException when the value contains CR, LF or NUL */
    public String render(Scope scope) {
        String value = template.render(scope);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                throw new RenderException("header " + name + ": the rendered value contains a line break or NUL"
                        + " (from " + template.source().strip() + "); the request was not sent");
            }
        }
        return value;
    }
}
