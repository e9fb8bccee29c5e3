package io.webhookactions.http;

import io.webhookactions.host.HostPolicy;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.hc.client5.http.classic.HttpClient;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP clients the actions of one Camel context call through, built by camel-http's component,
 * registered as {@value #COMPONENT} so a host's own {@code http} component is left alone. One pooled,
 * keep-alive connection manager is shared by every action that needs no client certificate; each mTLS
 * action gets its own. Their DNS resolver applies the host rules to resolved addresses. The clients never
 * follow redirects, never retry by themselves, keep no cookies (a cookie from one user's call must not reach
 * another's) and run {@link CallGuard} first in their chain. Timeouts are per call (see {@link UpstreamCall}).
 */
public final class WebhookHttp {

    static final String COMPONENT = "webhook-http";
    private static final String ENDPOINT = COMPONENT + "://webhook-actions.invalid/?throwExceptionOnFailure=false"
            + "&followRedirects=false&userAgent=webhook-actions";

    /** At most this many response headers (SPEC §11). */
    static final int MAX_RESPONSE_HEADERS = 200;

    private final CamelContext context;
    private final HostPolicy hosts;
    private final long maxHeaderBytes;
    private final PoolingHttpClientConnectionManager shared;
    private volatile UpstreamCall sharedCall;

    private WebhookHttp(CamelContext context, HostPolicy hosts, long maxHeaderBytes, PoolingHttpClientConnectionManager shared) {
        this.context = context;
        this.hosts = hosts;
        this.maxHeaderBytes = maxHeaderBytes;
        this.shared = shared;
    }

    /**
     * Registers the {@value #COMPONENT} component in {@code context}.
     *
     * @param maxHeaderBytes {@code webhook.max-response-header-bytes}: the response headers together, and so any one line
     */
    public static WebhookHttp install(CamelContext context, HostPolicy hosts, ScheduledExecutorService scheduler,
                                      long maxHeaderBytes) {
        PoolingHttpClientConnectionManager connections = pool(hosts, null, 512, 128, maxHeaderBytes);
        CallGuard guard = new CallGuard(scheduler);
        HttpComponent component = new HttpComponent();
        component.setClientConnectionManager(connections);
        component.setCookieManagementDisabled(true);
        component.setHttpClientConfigurer(builder -> builder
                .addExecInterceptorFirst(CallGuard.NAME, guard)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement());
        context.addComponent(COMPONENT, component);
        return new WebhookHttp(context, hosts, maxHeaderBytes, connections);
    }

    /** Calls over the shared pool, for every action without a client certificate and for token requests. */
    public UpstreamCall shared() {
        UpstreamCall call = sharedCall;
        if (call == null) {
            synchronized (this) {
                if (sharedCall == null) {
                    sharedCall = new UpstreamCall(client(ENDPOINT), maxHeaderBytes);
                }
                call = sharedCall;
            }
        }
        return call;
    }

    /** A client with its own pool that presents a client certificate; close the pool when the action goes. */
    public TlsCalls withClientCertificate(String action, TlsSocketStrategy tls) {
        PoolingHttpClientConnectionManager connections = pool(hosts, tls, 64, 64, maxHeaderBytes);
        String bean = "webhookActionsTls." + action;
        context.getRegistry().bind(bean, connections);
        HttpClient client = client(ENDPOINT + "&clientConnectionManager=#" + bean);
        return new TlsCalls(new UpstreamCall(client, maxHeaderBytes), connections);
    }

    /** An mTLS action's calls and the pool they hold. */
    public record TlsCalls(UpstreamCall call, PoolingHttpClientConnectionManager connections) implements AutoCloseable {
        /** Drops pooled connections made with a certificate that was replaced. */
        public void closeIdle() {
            connections.closeIdle(TimeValue.ZERO_MILLISECONDS);
        }

        @Override
        public void close() {
            connections.close();
        }
    }

    /** Idle and leased connections of the shared pool (for leak checks and metrics). */
    public long[] poolStats() {
        return new long[] {shared.getTotalStats().getAvailable(), shared.getTotalStats().getLeased()};
    }

    private HttpClient client(String uri) {
        return context.getEndpoint(uri, HttpEndpoint.class).getHttpClient();
    }

    /**
     * A pool whose connections parse responses within the header limits: a longer line or more headers end the
     * read with a {@code MessageConstraintException} and the connection is discarded, so a huge header is never
     * held whole nor kept in an idle connection's buffer (SPEC §11).
     */
    private static PoolingHttpClientConnectionManager pool(HostPolicy hosts, TlsSocketStrategy tls, int total, int perRoute,
                                                           long maxHeaderBytes) {
        Http1Config limits = Http1Config.custom()
                .setMaxLineLength((int) Math.min(Integer.MAX_VALUE, maxHeaderBytes))
                .setMaxHeaderCount(MAX_RESPONSE_HEADERS)
                .build();
        PoolingHttpClientConnectionManagerBuilder builder = PoolingHttpClientConnectionManagerBuilder.create()
                .setConnectionFactory(ManagedHttpClientConnectionFactory.builder().http1Config(limits).build())
                .setDnsResolver(new GuardedDnsResolver(hosts))
                .setMaxConnTotal(total)
                .setMaxConnPerRoute(perRoute)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMinutes(5))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build());
        if (tls != null) {
            builder.setTlsSocketStrategy(tls);
        }
        return builder.build();
    }
}
