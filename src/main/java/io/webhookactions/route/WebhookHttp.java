package io.webhookactions.route;

import java.util.concurrent.ScheduledExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.support.DefaultHeaderFilterStrategy;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The camel-http component the actions call through, registered as {@value #COMPONENT} so a host's own
 * {@code http} component is left alone. One pooled, keep-alive connection manager is shared by every
 * action that needs no client certificate; its DNS resolver applies the host rules to resolved
 * addresses. The client never follows redirects, never retries by itself, keeps no cookies (a cookie
 * from one user's call must not reach another's) and runs {@link CallGuard} first in its chain.
 */
final class WebhookHttp {

    static final String COMPONENT = "webhook-http";
    static final String HEADER_FILTER = "webhookActionsHeaderFilter";

    private WebhookHttp() {
    }

    static HttpComponent install(CamelContext context, HostPolicy hosts, ScheduledExecutorService scheduler) {
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedDnsResolver(hosts))
                .setMaxConnTotal(512)
                .setMaxConnPerRoute(128)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMinutes(5))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .build();
        CallGuard guard = new CallGuard(scheduler);
        HttpComponent component = new HttpComponent();
        component.setClientConnectionManager(connections);
        component.setCookieManagementDisabled(true);
        component.setHttpClientConfigurer(builder -> builder
                .addExecInterceptorFirst(CallGuard.NAME, guard)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement());
        // For the exchanges that still go through camel-http's producer (OAuth2 token requests): only
        // Camel's own headers are kept from the wire (camel-http's default would drop Cache-Control and
        // others). Action calls hand their rendered request to the endpoint's client directly.
        DefaultHeaderFilterStrategy headers = new DefaultHeaderFilterStrategy();
        headers.setOutFilterStartsWith(DefaultHeaderFilterStrategy.CAMEL_FILTER_STARTS_WITH);
        headers.setInFilterStartsWith(DefaultHeaderFilterStrategy.CAMEL_FILTER_STARTS_WITH);
        context.getRegistry().bind(HEADER_FILTER, headers);
        context.addComponent(COMPONENT, component);
        return component;
    }

    /** The endpoint URI of one action: its own timeouts, the shared client settings. */
    static String endpointUri(long timeoutMs) {
        return COMPONENT + "://webhook-actions.invalid/?throwExceptionOnFailure=false&followRedirects=false"
                + "&connectTimeout=" + timeoutMs + "&responseTimeout=" + timeoutMs
                + "&connectionRequestTimeout=" + timeoutMs
                + "&headerFilterStrategy=#" + HEADER_FILTER + "&copyHeaders=false"
                + "&userAgent=webhook-actions";
    }

    static long idleConnections(HttpComponent component) {
        if (component.getClientConnectionManager() instanceof PoolingHttpClientConnectionManager pool) {
            return pool.getTotalStats().getAvailable();
        }
        return -1;
    }

    static long leasedConnections(HttpComponent component) {
        if (component.getClientConnectionManager() instanceof PoolingHttpClientConnectionManager pool) {
            return pool.getTotalStats().getLeased();
        }
        return -1;
    }
}
