package io.webhookactions.http;

import io.webhookactions.host.HostPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves host names for the HTTP client and refuses addresses the {@link HostPolicy} denies, so the
 * address actually connected to is checked, not only the name in the URL.
 */
final class GuardedDnsResolver implements DnsResolver {

    private final HostPolicy policy;

    GuardedDnsResolver(HostPolicy policy) {
        this.policy = policy;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
        for (InetAddress address : addresses) {
            String refusal = policy.refusal(address);
            if (refusal != null) {
                throw new DeniedHostException(refusal);
            }
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }

    /** An UnknownHostException subtype so the client treats it as "cannot connect" and nothing is sent. */
    static final class DeniedHostException extends UnknownHostException {
        DeniedHostException(String message) {
            super(message);
        }
    }
}
