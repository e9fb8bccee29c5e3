package io.webhookactions.attribute;

import java.util.Optional;

/**
 * Where {@code {secret.name}} values come from: the encrypted store (SPEC §6), a host's properties
 * ({@code webhook.secret.NAME}), or any bean of this type a host puts in its Camel registry. Whatever a source
 * returns is treated as secret: masked wherever it would be shown and scrubbed from what an execution keeps.
 */
@FunctionalInterface
public interface SecretSource {

    /** The text of secret {@code name}, or empty when there is none. */
    Optional<String> secret(String name);

    /**
     * Whether secret {@code name} can be had, for the name check at load; a source that can answer without
     * reading the value (the store needs no key for it) overrides this.
     */
    default boolean has(String name) {
        return secret(name).isPresent();
    }

    /** The mask shown wherever a secret would otherwise appear. */
    String MASK = "••••••••";

    static SecretSource none() {
        return name -> Optional.empty();
    }
}
