package io.webhookactions.attribute;

import java.util.Locale;
import java.util.Optional;

/** The declared types of SPEC §2. */
public enum AttributeType {
    STRING, INT, FLOAT, BOOLEAN,
    /** Unix seconds. */
    TIMESTAMP,
    /** A JSON array. */
    COLLECTION,
    /** A JSON object. */
    COMPOSITE;

    /** The name used in {@code attributes.json}, e.g. {@code "int"}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AttributeType> ofKey(String key) {
        for (AttributeType type : values()) {
            if (type.key().equals(key)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
