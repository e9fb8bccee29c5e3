package io.webhookactions.attribute;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * The declared types of attributes ({@code config/attributes.json}). A declaration may name a context
 * ({@code session.plan}); one without a context applies to the attribute of that name in any context.
 */
public final class AttributeTypes {

    private static final AttributeTypes NONE = new AttributeTypes(Map.of());

    private final Map<String, AttributeType> declared;

    /** @param declared {@code [context.]name} -> type */
    public AttributeTypes(Map<String, AttributeType> declared) {
        this.declared = Map.copyOf(declared);
    }

    public static AttributeTypes none() {
        return NONE;
    }

    /** The declared type of {@code name} in {@code context}: the context-qualified declaration wins. */
    public Optional<AttributeType> typeOf(Context context, String name) {
        AttributeType qualified = declared.get(context.key() + "." + name);
        return Optional.ofNullable(qualified != null ? qualified : declared.get(name));
    }

    /**
     * The value coerced to the declared type (SPEC §2), or the value unchanged when undeclared. Returns a
     * MissingNode when a declared value cannot be coerced.
     */
    public JsonNode coerce(Context context, String name, JsonNode value) {
        return typeOf(context, name).map(type -> Coercion.coerce(value, type)).orElse(value);
    }

    public Map<String, AttributeType> declared() {
        return declared;
    }

    public int size() {
        return declared.size();
    }
}
