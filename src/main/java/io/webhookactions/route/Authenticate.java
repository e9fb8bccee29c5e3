package io.webhookactions.route;

import io.webhookactions.auth.AuthenticationException;
import io.webhookactions.auth.Authenticator;
import io.webhookactions.secret.SecretStoreException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Second step: applies the definition's authentication (SPEC §5) to the rendered request: signed
 * headers, a cached OAuth2 token, or a check that the client certificate is usable. A failure ends the
 * execution before anything is sent.
 */
final class Authenticate implements Processor {

    private final Authenticator authenticator;

    Authenticate(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void process(Exchange exchange) {
        Execution execution = Execution.of(exchange);
        try {
            authenticator.authenticate(execution);
        } catch (AuthenticationException | SecretStoreException e) {
            throw new ExecutionFailure(FailureKind.AUTHENTICATION, e.getMessage() + (e.getMessage().endsWith("not sent") ? "" : "; the request was not sent"), e);
        }
    }
}
