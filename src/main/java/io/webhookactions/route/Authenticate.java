package io.webhookactions.route;

import io.webhookactions.auth.AuthenticationException;
import io.webhookactions.auth.Authenticator;
import io.webhookactions.call.CallFailure;
import io.webhookactions.call.FailureKind;
import io.webhookactions.call.RenderedRequest;
import io.webhookactions.definition.CredentialHosts;
import io.webhookactions.host.HostPolicy;
import io.webhookactions.secret.SecretStoreException;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Second step: applies the definition's authentication (SPEC §5) to the rendered request (signed headers, a
 * cached OAuth2 token, or a check that the client certificate is usable), after checking that the request
 * goes where its credentials may go (SPEC §11). A failure ends the execution before anything is sent.
 */
final class Authenticate implements Processor {

    private final Authenticator authenticator;
    private final CredentialHosts hosts;
    private final HostPolicy allowed;

    /** @param hosts where the credentials may go; null for an action without authentication */
    Authenticate(Authenticator authenticator, CredentialHosts hosts) {
        this.authenticator = authenticator;
        this.hosts = hosts;
        this.allowed = hosts == null || hosts.patterns().isEmpty() ? null : HostPolicy.of(String.join(",", hosts.patterns()), "");
    }

    @Override
    public void process(Exchange exchange) {
        Execution.Started execution = Execution.started(exchange);
        RenderedRequest request = Execution.request(exchange);
        checkEgress(request.uri().getHost());
        try {
            Execution.request(exchange, authenticator.authenticate(request, execution.scope()));
        } catch (AuthenticationException | SecretStoreException e) {
            throw CallFailure.beforeSending(FailureKind.AUTHENTICATION, e.getMessage(), e);
        }
    }

    /** The one place that decides whether credentials may go to {@code host}. */
    void checkEgress(String host) {
        if (hosts == null) {
            return;
        }
        if (hosts.fixedHost() != null) {
            if (!hosts.fixedHost().equals(host.toLowerCase(Locale.ROOT))) {
                throw CallFailure.beforeSending(FailureKind.DENIED_HOST, "the credentials of this action are only sent to "
                        + hosts.fixedHost() + ", not to " + host, null);
            }
        } else if (allowed.refusal(host) != null) {
            throw CallFailure.beforeSending(FailureKind.DENIED_HOST, "host " + host + " is not in authentication.allowed_hosts,"
                    + " so the credentials are not sent there", null);
        }
    }
}
