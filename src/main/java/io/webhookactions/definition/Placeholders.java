package io.webhookactions.definition;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * How a definition's {@code {{key}}} property placeholders resolve at load (SPEC §3): the value of a key
 * (null when undefined, which is a load error), and which keys hold sensitive values (their values are
 * never shown, SPEC §11). The service and a Camel host back this with Camel's own property resolution.
 *
 * @param where where a user sets a property, named in the message about an undefined one
 */
public record Placeholders(UnaryOperator<String> values, Predicate<String> sensitiveKey, String where) {

    /** Where a host's users set a property, for messages (a host has no config/application.properties). */
    public static final String IN_A_HOST = "the application's properties or the environment";

    public Placeholders {
        Objects.requireNonNull(values);
        Objects.requireNonNull(sensitiveKey);
        Objects.requireNonNull(where);
    }

    /** No property is defined: every placeholder is a load error. */
    public static Placeholders none() {
        return of(key -> null);
    }

    /** Values from {@code values}; no key is treated as sensitive by name. */
    public static Placeholders of(UnaryOperator<String> values) {
        return new Placeholders(values, key -> false, IN_A_HOST);
    }

    String value(String key) {
        return values.apply(key);
    }

    /**
     * These placeholders, each key resolved once: for one load, whose files all see the same properties. Resolving a
     * key through Camel's properties component costs more than parsing the template it is in, and ten thousand
     * definitions usually name the same few keys (a base URL).
     */
    Placeholders resolvedOnce() {
        Map<String, Optional<String>> resolved = new ConcurrentHashMap<>();
        return new Placeholders(key -> resolved.computeIfAbsent(key, k -> Optional.ofNullable(values.apply(k))).orElse(null),
                sensitiveKey, where);
    }
}
