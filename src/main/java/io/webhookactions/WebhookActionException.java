package io.webhookactions;

/**
 * The one unchecked root of every failure this product reports. Each stage (definition, template,
 * authentication, call, mapping) has its own subtype. Messages name the action and what was
 * expected versus found, and never carry a secret value.
 */
public class WebhookActionException extends RuntimeException {

    public WebhookActionException(String message) {
        super(message);
    }

    public WebhookActionException(String message, Throwable cause) {
        super(message, cause);
    }
}
