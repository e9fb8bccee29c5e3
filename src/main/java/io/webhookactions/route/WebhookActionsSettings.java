package io.webhookactions.route;

import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.definition.AttributeTypesLoader;
import io.webhookactions.definition.InvalidDefinitionException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The settings every action of one Camel context shares (SPEC §8), read once from Camel's properties:
 * attribute types, host rules, the response size cap, the secret source.
 *
 * @param maxResponseBytes {@code webhook.max-response-bytes}, default 10 MiB
 * @param defaultTimeoutMs {@code webhook.default-timeout-ms}, default 10000: the budget of actions without {@code timeout_ms}
 * @param refreshMargin    {@code webhook.oauth2.refresh-margin-seconds}, default 30: renew tokens this long before expiry
 */
public record WebhookActionsSettings(AttributeTypes types, HostPolicy hosts, long maxResponseBytes, int defaultTimeoutMs,
                                     SecretSource secrets, java.time.Duration refreshMargin) {

    public static final java.time.Duration DEFAULT_REFRESH_MARGIN = java.time.Duration.ofSeconds(30);

    /** The same settings with another secret source. */
    public WebhookActionsSettings withSecrets(SecretSource other) {
        return new WebhookActionsSettings(types, hosts, maxResponseBytes, defaultTimeoutMs, other, refreshMargin);
    }

    public static final long DEFAULT_MAX_RESPONSE_BYTES = 10L * 1024 * 1024;

    /**
     * Reads {@code webhook.attributes-file}, {@code webhook.allowed-hosts}, {@code webhook.denied-hosts} and
     * {@code webhook.max-response-bytes}, {@code webhook.default-timeout-ms} through {@code properties} (null = undefined).
     *
     * @throws InvalidDefinitionException when the attribute types file is invalid
     */
    /** Settings with every default: no declared types, default host rules, 10 MiB, 10 s. */
    public static WebhookActionsSettings defaults(SecretSource secrets) {
        return new WebhookActionsSettings(AttributeTypes.none(), HostPolicy.defaults(), DEFAULT_MAX_RESPONSE_BYTES,
                io.webhookactions.definition.WebhookActionDefinition.DEFAULT_TIMEOUT_MS, secrets, DEFAULT_REFRESH_MARGIN);
    }

    public static WebhookActionsSettings from(UnaryOperator<String> properties) {
        Path secretsFile = Path.of(orDefault(properties.apply("webhook.secrets-file"), "config/secrets.json"));
        Path keyFile = Path.of(orDefault(properties.apply("webhook.master-key-file"), "config/master.key"));
        return from(properties, io.webhookactions.secret.SecretStore.open(secretsFile, keyFile));
    }

    public static WebhookActionsSettings from(UnaryOperator<String> properties, SecretSource secrets) {
        String typesFile = orDefault(properties.apply("webhook.attributes-file"), "config/attributes.json");
        AttributeTypesLoader.Result types = AttributeTypesLoader.load(Path.of(typesFile));
        if (!types.ok()) {
            throw new InvalidDefinitionException(types.errors());
        }
        HostPolicy hosts = HostPolicy.of(orDefault(properties.apply("webhook.allowed-hosts"), ""),
                orDefault(properties.apply("webhook.denied-hosts"), HostPolicy.DEFAULT_DENIED));
        long max = Long.parseLong(orDefault(properties.apply("webhook.max-response-bytes"),
                String.valueOf(DEFAULT_MAX_RESPONSE_BYTES)).strip());
        int timeout = Integer.parseInt(orDefault(properties.apply("webhook.default-timeout-ms"),
                String.valueOf(io.webhookactions.definition.WebhookActionDefinition.DEFAULT_TIMEOUT_MS)).strip());
        long margin = Long.parseLong(orDefault(properties.apply("webhook.oauth2.refresh-margin-seconds"), "30").strip());
        return new WebhookActionsSettings(types.types(), hosts, max, timeout, secrets, java.time.Duration.ofSeconds(margin));
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
