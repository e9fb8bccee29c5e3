package io.webhookactions.perimeter;

import io.webhookactions.WebhookActionException;
import io.webhookactions.host.HostAddresses;
import io.webhookactions.runtime.SettingsReader;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How the service's API is guarded (SPEC §10), read once at start: where it listens, the API keys, OIDC,
 * the browser rules, and the bounds that keep executions from starving the rest.
 *
 * @param bindHost           {@code camel.server.host}, default {@code 127.0.0.1}
 * @param port               {@code camel.server.port}, default 8080
 * @param keys               the API keys ({@code webhook.api.keys-file}, default {@code config/api-keys.json})
 * @param oidc               OIDC bearer tokens, or null when {@code webhook.api.oidc.issuer} is not set
 * @param allowedOrigins     {@code webhook.api.allowed-origins}: browser origins besides the server's own
 * @param allowedHosts       {@code webhook.api.allowed-hosts}: {@code Host} names besides the bound address and localhost
 * @param tls                whether the API is served over HTTPS ({@code webhook.api.tls.keystore-secret} set)
 * @param maxConcurrent      {@code webhook.executions.max-concurrent}, default 64 (and a queue of the same size)
 * @param maxPipelineActions {@code webhook.pipelines.max-actions}, default 20
 */
public record PerimeterSettings(String bindHost, int port, ApiKeyStore keys, OidcTokens oidc, List<String> allowedOrigins,
                                List<String> allowedHosts, boolean tls, int maxConcurrent, int maxPipelineActions) {

    public static final String DEFAULT_HOST = "127.0.0.1";

    public PerimeterSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedHosts = allowedHosts.stream().map(host -> host.toLowerCase(Locale.ROOT)).toList();
    }

    public static PerimeterSettings read(SettingsReader settings) {
        OidcTokens oidc = null;
        if (settings.text("webhook.api.oidc.issuer").isPresent()) {
            String jwks = settings.text("webhook.api.oidc.jwks-url").orElseThrow(() -> new WebhookActionException(
                    "webhook.api.oidc.issuer is set but webhook.api.oidc.jwks-url is not; set it to the issuer's JWKS URL"));
            String audience = settings.text("webhook.api.oidc.audience").orElseThrow(() -> new WebhookActionException(
                    "webhook.api.oidc.issuer is set but webhook.api.oidc.audience is not; set it to the audience tokens are issued for"));
            try {
                oidc = new OidcTokens(settings.text("webhook.api.oidc.issuer").get(), URI.create(jwks).toURL(), audience,
                        settings.text("webhook.api.oidc.roles-claim", "roles"));
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new WebhookActionException("webhook.api.oidc.jwks-url: '" + jwks + "' is not a URL");
            }
        }
        return new PerimeterSettings(settings.text("camel.server.host", DEFAULT_HOST),
                settings.integer("camel.server.port", 8080, 0, 65535),
                new ApiKeyStore(Path.of(settings.text("webhook.api.keys-file", "config/api-keys.json"))), oidc,
                list(settings.text("webhook.api.allowed-origins", "")), list(settings.text("webhook.api.allowed-hosts", "")),
                settings.text("webhook.api.tls.keystore-secret").isPresent(),
                settings.integer("webhook.executions.max-concurrent", 64, 1, 10_000),
                settings.integer("webhook.pipelines.max-actions", 20, 1, 1_000));
    }

    /** Whether requests need a token: as soon as a key exists or OIDC is configured. */
    public boolean authApplies() {
        return oidc != null || keys.hasKeys();
    }

    /**
     * Whether the bind address only accepts connections from this machine. A name that merely starts with
     * {@code 127.} ({@code 127.example.net}) may resolve to any address: only a 127.x.y.z address counts.
     */
    public boolean loopbackOnly() {
        String host = bindHost.toLowerCase(Locale.ROOT);
        return host.equals("localhost") || (host.startsWith("127.") && HostAddresses.literal(host) != null) || host.equals("::1")
                || host.equals("[::1]");
    }

    /** The address people type: the bound one, or localhost for a wildcard bind. */
    public String displayHost() {
        return bindHost.equals("0.0.0.0") || bindHost.equals("::") ? "localhost" : bindHost;
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(value -> !value.isEmpty()).toList();
    }
}
