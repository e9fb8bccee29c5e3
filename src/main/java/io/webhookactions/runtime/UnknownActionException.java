package io.webhookactions.runtime;

import io.webhookactions.WebhookActionException;

/** No webhook action of that name is loaded (the HTTP API answers 404). */
public class UnknownActionException extends WebhookActionException {

    private final String name;

    public UnknownActionException(String name) {
        this(name, "");
    }

    /** @param hint appended to the message ("; did you mean ...") */
    public UnknownActionException(String name, String hint) {
        super("no webhook action named \"" + name + "\"" + hint);
        this.name = name;
    }

    public String name() {
        return name;
    }
}
