package io.webhookactions.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.attribute.Context;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.attribute.SecretSource;
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

    private AttributeScope(Contexts contexts, AttributeTypes types, SecretSource secrets, boolean unmasked, Scope builtIns) {
        this.contexts = contexts;
        this.types = types;
        this.secrets = secrets;
        this.unmasked = unmasked;
        this.builtIns = builtIns;
    }

    /** A masked scope: secrets render as {@value SecretSource#MASK}. */
    public static AttributeScope of(Contexts contexts, AttributeTypes types, SecretSource secrets) {
        return new AttributeScope(contexts, types, secrets, false, null);
    }

    /** The same attributes with secrets in the clear: for building the outgoing request in authentication only. */
    public AttributeScope unmasked() {
        return new AttributeScope(contexts, types, secrets, true, builtIns);
    }

    /** The same attributes plus {@code _auth} / {@code _webhook} values read from {@code builtIns}. */
    public AttributeScope withBuiltIns(Scope builtIns) {
        return new AttributeScope(contexts, types, secrets, unmasked, builtIns);
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
                return secrets.secret(name).<JsonNode>map(TextNode::valueOf).orElse(MissingNode.getInstance());
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
