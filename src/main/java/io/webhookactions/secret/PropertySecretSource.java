package io.webhookactions.secret;

import io.webhookactions.attribute.SecretSource;
import java.util.Optional;
import java.util.function.Function;

/**
 * Secrets from properties: {@code {secret.api_token}} is the property {@code webhook.secret.api_token}, read through
 * the host's own property resolution when it is asked for — Camel's (files, {@code WEBHOOK_SECRET_API_TOKEN} in the
 * environment, {@code {{env:...}}} and vault functions such as {@code {{aws:...}}}) or Spring's Environment. No value
 * is kept here; a vault function is asked on every read (wrap a caching {@link SecretSource} around it if that is
 * too often).
 */
public final class PropertySecretSource implements SecretSource {

    public static final String PREFIX = "webhook.secret.";

    private final Function<String, Optional<String>> properties;

    /** @param properties the value of a property key, empty when it is not defined */
    public PropertySecretSource(Function<String, Optional<String>> properties) {
        this.properties = properties;
    }

    @Override
    public Optional<String> secret(String name) {
        return properties.apply(PREFIX + name).filter(value -> !value.isEmpty());
    }
}
