package io.webhookactions.definition;

import java.util.List;

/**
 * The hosts an action's credentials may be sent to (SPEC §11 egress), fixed at load: the host its URL names
 * literally (or through a {@code {{property}}}), or, when an attribute stands in the host, the patterns of
 * {@code authentication.allowed_hosts}. Exactly one of the two is set.
 *
 * @param fixedHost the one host, lower case, or null
 * @param patterns  host patterns as in {@code webhook.allowed-hosts}, or empty
 */
public record CredentialHosts(String fixedHost, List<String> patterns) {

    public CredentialHosts {
        patterns = List.copyOf(patterns);
        if ((fixedHost == null) == patterns.isEmpty()) {
            throw new IllegalArgumentException("exactly one of a fixed host and host patterns");
        }
    }

    public static CredentialHosts fixed(String host) {
        return new CredentialHosts(host, List.of());
    }

    public static CredentialHosts allowed(List<String> patterns) {
        return new CredentialHosts(null, patterns);
    }
}
