package io.webhookactions.runtime;

import io.webhookactions.WebhookActionException;

/** No webhook action of that name is loaded (the HTTP API answers 404). */
public class UnknownActionException extends WebhookActionException {

    private final String name;

    public UnknownActionException(String name) {
        super("no webhook action named \"" + name + "\"");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
