package io.webhookactions.template;

import io.webhookactions.WebhookActionException;

/** A template that does not parse, or names an unknown filter or wrong arguments. Raised at load. */
public class TemplateSyntaxException extends WebhookActionException {

    private final int column;
    private final String reason;

    /**
     * @param column 1-based column in the template string where the problem starts
     * @param reason what is wrong and how to fix it
     */
    public TemplateSyntaxException(int column, String reason) {
        super("column " + column + ": " + reason);
        this.column = column;
        this.reason = reason;
    }

    public int column() {
        return column;
    }

    public String reason() {
        return reason;
    }
}
