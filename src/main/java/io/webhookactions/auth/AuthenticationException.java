package io.webhookactions.auth;

import io.webhookactions.WebhookActionException;

/** Authentication could not be done; the request was not sent. The message never holds a secret or token. */
public class AuthenticationException extends WebhookActionException {

    public AuthenticationException(String message) {
        super(message);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
