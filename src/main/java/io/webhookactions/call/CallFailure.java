package io.webhookactions.call;

import io.webhookactions.WebhookActionException;
import java.util.Objects;

/**
 * An execution ended without a usable response: render, host rules, authentication, DNS, connect, TLS,
 * timeout, size. The {@link #kind()} says which, as data (metrics and history count by it); the reason
 * becomes {@code N_error}: short, and never a secret. A failure raised before anything left says so.
 */
public class CallFailure extends WebhookActionException {

    private static final String NOT_SENT = "; the request was not sent";

    private final FailureKind kind;
    private final String reason;
    private final boolean beforeSending;

    private CallFailure(FailureKind kind, String reason, boolean beforeSending, Throwable cause) {
        super(beforeSending ? reason + NOT_SENT : reason, cause);
        this.kind = Objects.requireNonNull(kind);
        this.reason = reason;
        this.beforeSending = beforeSending;
    }

    /** Nothing was sent: the request could not be built, was refused by a rule, or could not be authenticated. */
    public static CallFailure beforeSending(FailureKind kind, String reason, Throwable cause) {
        return new CallFailure(kind, reason, true, cause);
    }

    /** The call was under way (or could not connect) and brought back nothing usable. */
    public static CallFailure during(FailureKind kind, String reason, Throwable cause) {
        return new CallFailure(kind, reason, false, cause);
    }

    public FailureKind kind() {
        return kind;
    }

    /** The reason without the note that nothing was sent. */
    public String reason() {
        return reason;
    }

    public boolean isBeforeSending() {
        return beforeSending;
    }
}
