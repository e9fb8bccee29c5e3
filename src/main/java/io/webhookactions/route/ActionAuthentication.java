package io.webhookactions.route;

import io.webhookactions.attribute.Contexts;
import io.webhookactions.auth.Authenticator;
import io.webhookactions.auth.HeaderAuthenticator;
import io.webhookactions.auth.MtlsAuthenticator;
import io.webhookactions.auth.OAuth2Authenticator;
import io.webhookactions.definition.Authentication;
import io.webhookactions.definition.InvalidDefinitionException;
import io.webhookactions.template.AttributeScope;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.apache.camel.CamelContext;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;

/**
 * The authentication of one action, made ready at load: the authenticator its route applies and, for
 * mTLS, the connection pool that presents its client certificate (with the same DNS host guard as the
 * shared pool; plain actions share one pool, certificate holders never share theirs).
 *
 * @param connections   the action's own pool, or null
 * @param endpointOptions extra camel-http endpoint options ("" or {@code &clientConnectionManager=#...})
 */
record ActionAuthentication(Authenticator authenticator, AutoCloseable connections, String endpointOptions) {

    static ActionAuthentication of(CompiledAction action, WebhookActions actions, CamelContext context) {
        Authentication authentication = action.definition().authentication();
        UnaryOperator<String> properties = WebhookActions.properties(context);
        if (authentication == null) {
            return new ActionAuthentication(Authenticator.NONE, null, "");
        }
        if (authentication instanceof Authentication.Header header) {
            return new ActionAuthentication(HeaderAuthenticator.compile(header, properties), null, "");
        }
        if (authentication instanceof Authentication.OAuth2ClientCredentials oauth) {
            String host = action.request().literalHost().orElseThrow(() -> new InvalidDefinitionException(java.util.List.of(
                    new io.webhookactions.definition.DefinitionError(String.valueOf(action.definition().source()), "/url",
                            "with OAuth2 the host must be written literally or as a {{property}}, so the token can only go there"))));
            return new ActionAuthentication(OAuth2Authenticator.compile(oauth, properties, host, actions.tokens(),
                    actions.tokenEndpoint()), null, "");
        }
        Authentication.Mtls mtls = (Authentication.Mtls) authentication;
        AtomicReference<PoolingHttpClientConnectionManager> pool = new AtomicReference<>();
        AttributeScope loadScope = AttributeScope.of(Contexts.empty(), actions.settings().types(), actions.settings().secrets());
        MtlsAuthenticator authenticator = MtlsAuthenticator.compile(action.name(), mtls, properties, loadScope, () -> {
            PoolingHttpClientConnectionManager current = pool.get();
            if (current != null) {
                current.closeIdle(TimeValue.ZERO_MILLISECONDS);
            }
        });
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setTlsSocketStrategy(authenticator.tlsStrategy())
                .setDnsResolver(new GuardedDnsResolver(actions.hosts()))
                .setMaxConnTotal(64)
                .setMaxConnPerRoute(64)
                .build();
        pool.set(connections);
        String bean = "webhookActionsTls." + action.name();
        context.getRegistry().bind(bean, connections);
        return new ActionAuthentication(authenticator, connections::close, "&clientConnectionManager=#" + bean);
    }
}
