package io.webhookactions.definition;

import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The secret names a definition may use, checked at load once a store exists (SPEC §6), and how a user adds
 * a missing one where the definition runs (the service's {@code secrets set}, a host's secret source).
 *
 * @param exists   whether a secret of that name can be had
 * @param howToAdd for a missing name, the sentence that says how to add it
 */
public record SecretNames(Predicate<String> exists, UnaryOperator<String> howToAdd) {

    public SecretNames {
        Objects.requireNonNull(exists);
        Objects.requireNonNull(howToAdd);
    }

    /** The service's store, filled with the {@code secrets} command. */
    public static SecretNames inStore(Predicate<String> exists) {
        return new SecretNames(exists, name -> "add it with: secrets set " + name + " (or secrets import-cert " + name
                + " FILE for a certificate)");
    }
}
