package io.webhookactions.definition;

import java.util.Locale;
import java.util.Optional;

/** The HTTP verbs a webhook action may use. Read case-insensitively, always stored upper-case. */
public enum HttpMethod {
    GET, POST, PUT, DELETE, PATCH;

    public static Optional<HttpMethod> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
