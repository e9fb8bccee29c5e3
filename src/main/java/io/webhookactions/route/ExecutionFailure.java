package io.webhookactions.route;

import io.webhookactions.WebhookActionException;

/**
 * An execution ended without a usable response (render, host rules, DNS, connect, TLS, timeout, size,
 * authentication). The message becomes {@code N_error}: short, and never a secret.
 */
public class ExecutionFailure extends WebhookActionException {

    public ExecutionFailure(String reason) {
        super(reason);
    }

    public ExecutionFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}
