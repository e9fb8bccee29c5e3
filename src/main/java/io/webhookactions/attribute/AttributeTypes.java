package io.webhookactions.attribute;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The declared types of attributes ({@code config/attributes.json}). A declaration may name a context
 * ({@code session.plan}); one without a context applies to the attribute of that name in any context.
 */
public final class AttributeTypes {

    private static final AttributeTypes NONE = new AttributeTypes(Map.of());

    private final Map<String, AttributeType> declared;
    /** Per context, name -> type with qualified declarations over bare ones: one lookup per read, no string building. */
    private final Map<Context, Map<String, AttributeType>> byContext = new EnumMap<>(Context.class);

    /** @param declared {@code [context.]name} -> type */
    public AttributeTypes(Map<String, AttributeType> declared) {
        this.declared = Map.copyOf(declared);
        for (Context context : Context.values()) {
            Map<String, AttributeType> types = new HashMap<>();
            declared.forEach((name, type) -> {
                if (name.indexOf('.') < 0) {
                    types.putIfAbsent(name, type);
                }
            });
            String prefix = context.key() + ".";
            declared.forEach((name, type) -> {
                if (name.startsWith(prefix)) {
                    types.put(name.substring(prefix.length()), type);
                }
            });
            byContext.put(context, Map.copyOf(types));
        }
    }

    public static AttributeTypes none() {
        return NONE;
    }

    /** The declared type of {@code name} in {@code context}: the context-qualified declaration wins. */
    public Optional<AttributeType> typeOf(Context context, String name) {
        return Optional.ofNullable(byContext.get(context).get(name));
    }

    /**
     * The value coerced to the declared type (SPEC §2), or the value unchanged when undeclared. Returns a
     * MissingNode when a declared value cannot be coerced.
     */
    public JsonNode coerce(Context context, String name, JsonNode value) {
        AttributeType type = byContext.get(context).get(name);
        return type == null ? value : Coercion.coerce(value, type);
    }

    public Map<String, AttributeType> declared() {
        return declared;
    }

    public int size() {
        return declared.size();
    }
}
