package io.webhookactions.component;

import io.webhookactions.WebhookActionException;
import io.webhookactions.response.ActionResult;

/**
 * Thrown by a {@code webhook-action} endpoint with {@code throwExceptionOnFailure=true} when the action did not
 * succeed. It carries the result (secrets already masked), so an {@code onException} handler can read the status,
 * the error and the attributes.
 */
public class WebhookActionFailedException extends WebhookActionException {

    private final transient ActionResult result;

    public WebhookActionFailedException(ActionResult result) {
        super("webhook action \"" + result.action() + "\" did not succeed: "
                + (result.error() != null ? result.error() : "status " + result.statusCode()));
        this.result = result;
    }

    public ActionResult getResult() {
        return result;
    }
}
