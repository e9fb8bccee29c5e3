package io.webhookactions.route;

import io.webhookactions.definition.Authentication;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Second step: adds what the definition's authentication requires to the rendered request. Definitions
 * without authentication pass through. The authentication kinds of SPEC §5 are not implemented yet
 * (issue 5); an action that declares one fails with a clear {@code N_error} rather than calling the
 * upstream unauthenticated.
 */
final class Authenticate implements Processor {

    private final Authentication authentication;

    Authenticate(Authentication authentication) {
        this.authentication = authentication;
    }

    @Override
    public void process(Exchange exchange) {
        if (authentication != null) {
            throw new ExecutionFailure(authentication.type() + " authentication is not available in this version;"
                    + " the request was not sent");
        }
    }
}
