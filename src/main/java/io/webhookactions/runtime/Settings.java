package io.webhookactions.runtime;

import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.definition.ActionPlan;
import io.webhookactions.definition.AttributeTypesLoader;
import io.webhookactions.definition.InvalidDefinitionException;
import io.webhookactions.host.HostPolicy;
import io.webhookactions.secret.PropertySecretSource;
import io.webhookactions.secret.SecretChain;
import io.webhookactions.secret.SecretStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings every action of one Camel context shares (SPEC §8, §11), read once through Camel's property
 * resolution: attribute types, host rules, limits, the OAuth2 refresh margin, the secret source.
 *
 * @param maxResponseBytes       {@code webhook.max-response-bytes}, default 10 MiB
 * @param maxResponseHeaderBytes {@code webhook.max-response-header-bytes}, default 64 KiB for all headers together
 * @param maxRenderedBytes       {@code webhook.max-rendered-bytes}, default 1 MiB for one rendered template value
 * @param defaultTimeoutMs       {@code webhook.default-timeout-ms}, default 10000: the budget of actions without {@code timeout_ms}
 * @param refreshMargin          {@code webhook.oauth2.refresh-margin-seconds}, default 30: renew tokens this long before expiry
 */
public record Settings(AttributeTypes types, HostPolicy hosts, long maxResponseBytes, long maxResponseHeaderBytes,
                       long maxRenderedBytes, int defaultTimeoutMs, SecretSource secrets, Duration refreshMargin) {

    public static final long DEFAULT_MAX_RESPONSE_BYTES = 10L * 1024 * 1024;
    public static final long DEFAULT_MAX_RESPONSE_HEADER_BYTES = 64 * 1024;
    public static final long DEFAULT_MAX_RENDERED_BYTES = 1024 * 1024;
    public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofSeconds(30);

    public Settings {
        Objects.requireNonNull(types);
        Objects.requireNonNull(hosts);
        Objects.requireNonNull(secrets);
        Objects.requireNonNull(refreshMargin);
    }

    /** Settings with every default: no declared types, default host rules, the default limits. */
    public static Settings defaults(SecretSource secrets) {
        return new Settings(AttributeTypes.none(), HostPolicy.defaults(), DEFAULT_MAX_RESPONSE_BYTES,
                DEFAULT_MAX_RESPONSE_HEADER_BYTES, DEFAULT_MAX_RENDERED_BYTES, ActionPlan.DEFAULT_TIMEOUT_MS, secrets,
                DEFAULT_REFRESH_MARGIN);
    }

    public Settings withSecrets(SecretSource other) {
        return new Settings(types, hosts, maxResponseBytes, maxResponseHeaderBytes, maxRenderedBytes, defaultTimeoutMs, other,
                refreshMargin);
    }

    public Settings withHosts(HostPolicy other) {
        return new Settings(types, other, maxResponseBytes, maxResponseHeaderBytes, maxRenderedBytes, defaultTimeoutMs, secrets,
                refreshMargin);
    }

    public Settings withMaxResponseBytes(long bytes) {
        return new Settings(types, hosts, bytes, maxResponseHeaderBytes, maxRenderedBytes, defaultTimeoutMs, secrets, refreshMargin);
    }

    public Settings withDefaultTimeoutMs(int timeoutMs) {
        return new Settings(types, hosts, maxResponseBytes, maxResponseHeaderBytes, maxRenderedBytes, timeoutMs, secrets, refreshMargin);
    }

    public Settings withTypes(AttributeTypes other) {
        return new Settings(other, hosts, maxResponseBytes, maxResponseHeaderBytes, maxRenderedBytes, defaultTimeoutMs, secrets,
                refreshMargin);
    }

    public Settings withRefreshMargin(Duration margin) {
        return new Settings(types, hosts, maxResponseBytes, maxResponseHeaderBytes, maxRenderedBytes, defaultTimeoutMs, secrets, margin);
    }

    /** A host pattern list, checked: a pattern that cannot be read names its key. */
    private static String hostPatterns(SettingsReader settings, String key, String fallback) {
        String patterns = settings.text(key, fallback);
        try {
            HostPolicy.of(patterns, "");
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(key, patterns, "a list of host patterns: " + e.getMessage());
        }
        return patterns;
    }

    /** The encrypted store named by {@code webhook.secrets-file} and {@code webhook.master-key-file}. */
    public static SecretStore store(SettingsReader settings) {
        SecretStore store = SecretStore.open(Path.of(settings.text("webhook.secrets-file", "config/secrets.json")),
                Path.of(settings.text("webhook.master-key-file", "config/master.key")));
        store.recover();
        return store;
    }

    /**
     * Reads every {@code webhook.*} key the engine uses.
     *
     * @param secrets the secret source, or null for {@code webhook.secret.NAME} properties, then the store named
     *                by {@code webhook.secrets-file} and {@code webhook.master-key-file}
     * @throws InvalidSettingException    when a value cannot be used (the key is named)
     * @throws InvalidDefinitionException when the attribute types file is invalid
     */
    public static Settings read(SettingsReader settings, SecretSource secrets) {
        AttributeTypesLoader.Result types = AttributeTypesLoader.load(Path.of(settings.text("webhook.attributes-file",
                "config/attributes.json")));
        if (!types.ok()) {
            throw new InvalidDefinitionException(types.errors());
        }
        String allowed = hostPatterns(settings, "webhook.allowed-hosts", "");
        String denied = hostPatterns(settings, "webhook.denied-hosts", HostPolicy.DEFAULT_DENIED);
        HostPolicy hosts = HostPolicy.of(allowed, denied);
        SecretSource source = secrets != null ? secrets : SecretChain.propertiesThenStore(
                new PropertySecretSource(settings::value), store(settings));
        return new Settings(types.types(), hosts,
                settings.number("webhook.max-response-bytes", DEFAULT_MAX_RESPONSE_BYTES, 1, Long.MAX_VALUE),
                settings.number("webhook.max-response-header-bytes", DEFAULT_MAX_RESPONSE_HEADER_BYTES, 1024, Integer.MAX_VALUE),
                settings.number("webhook.max-rendered-bytes", DEFAULT_MAX_RENDERED_BYTES, 1024, Integer.MAX_VALUE),
                settings.integer("webhook.default-timeout-ms", ActionPlan.DEFAULT_TIMEOUT_MS, 1, ActionPlan.MAX_TIMEOUT_MS),
                source,
                Duration.ofSeconds(settings.number("webhook.oauth2.refresh-margin-seconds", 30, 0, 86_400)));
    }
}
