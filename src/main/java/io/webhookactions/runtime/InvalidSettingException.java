package io.webhookactions.runtime;

import io.webhookactions.WebhookActionException;

/** A configuration value cannot be used; the message names the key, the value and what is expected. */
public class InvalidSettingException extends WebhookActionException {

    public InvalidSettingException(String key, String value, String expected) {
        super(key + ": '" + value + "' is not " + expected);
    }
}
