package io.webhookactions.route;

import io.webhookactions.WebhookActionException;

/**
 * An execution ended without a usable response (render, host rules, DNS, connect, TLS, timeout, size,
 * authentication). The message becomes {@code N_error}: short, and never a secret.
 */
public class ExecutionFailure extends WebhookActionException {

    private final FailureKind kind;

    public ExecutionFailure(FailureKind kind, String reason) {
        super(reason);
        this.kind = kind;
    }

    public ExecutionFailure(FailureKind kind, String reason, Throwable cause) {
        super(reason, cause);
        this.kind = kind;
    }

    public FailureKind kind() {
        return kind;
    }
}
