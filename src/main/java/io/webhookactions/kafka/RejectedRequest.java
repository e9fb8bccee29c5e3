package io.webhookactions.kafka;

import io.webhookactions.WebhookActionException;

/**
 * A request record that can never be executed as it stands: not JSON, not the request shape, an unknown action, an id
 * already used for another request. It goes to the dead-letter topic with this message as the reason, its offset is
 * committed, and consumption goes on; retrying it would only fail again.
 */
public class RejectedRequest extends WebhookActionException {

    private final String id;

    /** @param id the request's id when it could be read, else null */
    public RejectedRequest(String id, String reason) {
        super(reason);
        this.id = id;
    }

    public RejectedRequest(String id, String reason, Throwable cause) {
        super(reason, cause);
        this.id = id;
    }

    /** The request's id, or null when the record did not get that far. */
    public String id() {
        return id;
    }
}
