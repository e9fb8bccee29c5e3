package io.webhookactions.secret;

import io.webhookactions.WebhookActionException;

/** The secret store cannot do what was asked. Messages name the secret and the fix, never a value. */
public class SecretStoreException extends WebhookActionException {

    public SecretStoreException(String message) {
        super(message);
    }

    public SecretStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
