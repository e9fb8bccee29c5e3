package io.webhookactions.runtime;

import java.util.Optional;
import java.util.function.Function;

/**
 * Reads typed settings by key through Camel's property resolution (files, environment, vault functions), so a
 * malformed value fails with its key named ("webhook.max-response-bytes: 'ten' is not a number") instead of
 * a bare {@code NumberFormatException}.
 */
public final class SettingsReader {

    private final Function<String, Optional<String>> properties;

    /** @param properties the value of a key, empty when undefined */
    public SettingsReader(Function<String, Optional<String>> properties) {
        this.properties = properties;
    }

    /** The value exactly as resolved (not stripped), or empty when the key is undefined. */
    public Optional<String> value(String key) {
        return properties.apply(key);
    }

    /** The value, or empty when the key is undefined or blank. */
    public Optional<String> text(String key) {
        return properties.apply(key).map(String::strip).filter(value -> !value.isEmpty());
    }

    public String text(String key, String fallback) {
        return text(key).orElse(fallback);
    }

    public long number(String key, long fallback, long min, long max) {
        Optional<String> value = text(key);
        if (value.isEmpty()) {
            return fallback;
        }
        long number;
        try {
            number = Long.parseLong(value.get().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, value.get(), "a number");
        }
        if (number < min || number > max) {
            throw new InvalidSettingException(key, value.get(), "between " + min + " and " + max);
        }
        return number;
    }

    public int integer(String key, int fallback, int min, int max) {
        return (int) number(key, fallback, min, max);
    }

    public boolean flag(String key, boolean fallback) {
        Optional<String> value = text(key);
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidSettingException(key, value.get(), "true or false");
        };
    }
}
