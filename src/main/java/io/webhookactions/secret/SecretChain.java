package io.webhookactions.secret;

import io.webhookactions.attribute.SecretSource;
import java.util.List;
import java.util.Optional;

/**
 * Several secret sources asked in order; the first that has a secret answers. A host without a
 * {@link SecretSource} bean gets properties first ({@code webhook.secret.NAME}), then the encrypted store.
 */
public record SecretChain(List<SecretSource> sources) implements SecretSource {

    public SecretChain {
        sources = List.copyOf(sources);
    }

    /** {@code webhook.secret.NAME} properties first, then the encrypted store. */
    public static SecretChain propertiesThenStore(PropertySecretSource properties, SecretStore store) {
        return new SecretChain(List.of(properties, store));
    }

    @Override
    public Optional<String> secret(String name) {
        for (SecretSource source : sources) {
            Optional<String> value = source.secret(name);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean has(String name) {
        return sources.stream().anyMatch(source -> source.has(name));
    }

    /** The encrypted store among the sources, if one is. */
    public Optional<SecretStore> store() {
        return sources.stream().filter(SecretStore.class::isInstance).map(SecretStore.class::cast).findFirst();
    }
}
