package io.webhookactions.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.attribute.Context;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.attribute.SecretValues;
import java.util.Map;

/**
 * The scope of one execution: caller contexts read through their declared types, secrets masked unless
 * this scope was made {@link #unmasked()} for authentication, and the built-in {@code _auth} and
 * {@code _webhook} values when authentication supplies them.
 */
public final class AttributeScope implements Scope {

    private static final JsonNode MASK = TextNode.valueOf(SecretSource.MASK);

    private final Contexts contexts;
    private final AttributeTypes types;
    private final SecretSource secrets;
    private final boolean unmasked;
    private final Scope builtIns;
    private final SecretValues used;
    private final long maxRenderedLength;

    private AttributeScope(Contexts contexts, AttributeTypes types, SecretSource secrets, boolean unmasked, Scope builtIns,
                           SecretValues used, long maxRenderedLength) {
        this.contexts = contexts;
        this.types = types;
        this.secrets = secrets;
        this.unmasked = unmasked;
        this.builtIns = builtIns;
        this.used = used;
        this.maxRenderedLength = maxRenderedLength;
    }

    /** A masked scope: secrets render as {@value SecretSource#MASK}. */
    public static AttributeScope of(Contexts contexts, AttributeTypes types, SecretSource secrets) {
        return new AttributeScope(contexts, types, secrets, false, null, new SecretValues(), Long.MAX_VALUE);
    }

    /** A masked scope whose clear-text reads are recorded in {@code used}, for scrubbing what the execution shows. */
    public static AttributeScope of(Contexts contexts, AttributeTypes types, SecretSource secrets, SecretValues used) {
        return new AttributeScope(contexts, types, secrets, false, null, used, Long.MAX_VALUE);
    }

    /**
     * The same attributes with secrets in the clear: for building the outgoing request in authentication only.
     * Every secret read through it is remembered in {@link #used()}.
     */
    public AttributeScope unmasked() {
        return new AttributeScope(contexts, types, secrets, true, builtIns, used, maxRenderedLength);
    }

    /** The same attributes plus {@code _auth} / {@code _webhook} values read from {@code builtIns}. */
    public AttributeScope withBuiltIns(Scope builtIns) {
        return new AttributeScope(contexts, types, secrets, unmasked, builtIns, used, maxRenderedLength);
    }

    /** The same scope with rendered values limited to {@code length} characters. */
    public AttributeScope withMaxRenderedLength(long length) {
        return new AttributeScope(contexts, types, secrets, unmasked, builtIns, used, length);
    }

    @Override
    public long maxRenderedLength() {
        return maxRenderedLength;
    }

    /** The secret values read in the clear through this scope (and its unmasked views) so far. */
    public SecretValues used() {
        return used;
    }

    @Override
    public String protectedText(String text) {
        if (!unmasked) {
            return SecretSource.MASK;
        }
        used.add(text);
        return text;
    }

    public Contexts contexts() {
        return contexts;
    }

    /** Where this scope reads {@code secret.*} from. */
    public SecretSource secrets() {
        return secrets;
    }

    @Override
    public JsonNode attribute(Context context, String name) {
        switch (context) {
            case SECRET:
                if (!unmasked) {
                    return secrets.secret(name).isPresent() ? MASK : MissingNode.getInstance();
                }
                return secrets.secret(name).<JsonNode>map(value -> {
                    used.add(value);
                    return TextNode.valueOf(value);
                }).orElse(MissingNode.getInstance());
            case AUTH:
            case WEBHOOK:
                return builtIns == null ? MissingNode.getInstance() : builtIns.attribute(context, name);
            default:
                return types.coerce(context, name, contexts.get(context, name));
        }
    }

    /** A scope over plain maps, for tests and tools: {@code context -> name -> value}. */
    public static Scope ofMaps(Map<Context, Map<String, JsonNode>> values) {
        return (context, name) -> {
            JsonNode value = values.getOrDefault(context, Map.of()).get(name);
            return value == null ? MissingNode.getInstance() : value;
        };
    }
}
