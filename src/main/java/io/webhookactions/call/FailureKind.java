package io.webhookactions.call;

import java.util.Locale;

/** Why an execution received no usable response: the {@code reason} label of the failure metric. */
public enum FailureKind {
    RENDER, DENIED_HOST, AUTHENTICATION, DNS, CONNECT, TLS, TIMEOUT, TOO_LARGE, NETWORK, INTERNAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
