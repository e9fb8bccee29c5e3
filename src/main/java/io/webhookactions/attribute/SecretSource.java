package io.webhookactions.attribute;

import java.util.Optional;

/** Where {@code {secret.name}} values come from (the encrypted store, SPEC §6). */
@FunctionalInterface
public interface SecretSource {

    /** The text of secret {@code name}, or empty when there is none. */
    Optional<String> secret(String name);

    /** The mask shown wherever a secret would otherwise appear. */
    String MASK = "••••••••";

    static SecretSource none() {
        return name -> Optional.empty();
    }
}
