package io.webhookactions.template;

import io.webhookactions.WebhookActionException;

/**
 * A template could not be rendered into a valid request (a host that is not a host, a line break in a
 * header). Raised before anything is sent; the message names the template, never the offending value.
 */
public class RenderException extends WebhookActionException {

    public RenderException(String message) {
        super(message);
    }
}
