package io.webhookactions.route;

import io.webhookactions.attribute.Contexts;
import io.webhookactions.auth.Authenticator;
import io.webhookactions.auth.HeaderAuthenticator;
import io.webhookactions.auth.MtlsAuthenticator;
import io.webhookactions.auth.OAuth2Authenticator;
import io.webhookactions.definition.ActionPlan;
import io.webhookactions.definition.AuthPlan;
import io.webhookactions.http.UpstreamCall;
import io.webhookactions.http.WebhookHttp;
import io.webhookactions.runtime.WebhookActions;
import io.webhookactions.template.AttributeScope;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The authentication of one action, made ready at load: the authenticator its route applies and the HTTP
 * calls it goes out on. Plain actions share one pool; an mTLS action gets a pool of its own that presents its
 * client certificate (certificate holders never share theirs), closed with the route.
 *
 * @param ownConnections the mTLS action's pool, or null
 */
record ActionAuthentication(Authenticator authenticator, UpstreamCall call, AutoCloseable ownConnections) {

    static ActionAuthentication of(ActionPlan plan, WebhookActions actions) {
        AuthPlan authentication = plan.authentication();
        UpstreamCall shared = actions.http().shared();
        if (authentication instanceof AuthPlan.Header header) {
            return new ActionAuthentication(new HeaderAuthenticator(header), shared, null);
        }
        if (authentication instanceof AuthPlan.OAuth2 oauth) {
            return new ActionAuthentication(new OAuth2Authenticator(oauth, actions.tokens(), actions.tokenEndpoint()), shared, null);
        }
        if (authentication instanceof AuthPlan.Mtls mtls) {
            return mtls(plan, mtls, actions);
        }
        return new ActionAuthentication(Authenticator.NONE, shared, null);
    }

    private static ActionAuthentication mtls(ActionPlan plan, AuthPlan.Mtls mtls, WebhookActions actions) {
        AtomicReference<WebhookHttp.TlsCalls> calls = new AtomicReference<>();
        AttributeScope loadScope = AttributeScope.of(Contexts.empty(), actions.settings().types(), actions.settings().secrets());
        MtlsAuthenticator authenticator = MtlsAuthenticator.of(plan.name(), mtls, loadScope, () -> {
            WebhookHttp.TlsCalls current = calls.get();
            if (current != null) {
                current.closeIdle();
            }
        });
        WebhookHttp.TlsCalls tls = actions.http().withClientCertificate(plan.name(), authenticator.tlsStrategy());
        calls.set(tls);
        return new ActionAuthentication(authenticator, tls.call(), tls);
    }
}
