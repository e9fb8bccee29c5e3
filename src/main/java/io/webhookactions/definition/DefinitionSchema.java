package io.webhookactions.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.webhookactions.WebhookActionException;
import io.webhookactions.support.Suggestions;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A JSON Schema (2020-12) the loader checks a document against before its semantic checks. The schema
 * file is {@code config/schema/*.schema.json}, packaged into the jar unchanged, so editors and the
 * loader read the same rules. Messages come from the schema's {@code errorMessage} entries, which
 * say how to fix the value; a few generic kinds (required, unknown property) are worded here.
 *
 * <p>The schema says "a string or an object of this shape" with a type list rather than a {@code oneOf}: every output
 * of every file is checked at load, and a {@code oneOf} validates each value against both branches and builds an
 * error for the one that does not match (a tenth of the compile time of 10 000 files).
 */
public final class DefinitionSchema {

    private static final String WEBHOOK_ACTION = "/io/webhookactions/schema/webhook-action.schema.json";
    private static final String ATTRIBUTES = "/io/webhookactions/schema/attributes.schema.json";

    private static volatile DefinitionSchema webhookAction;
    private static volatile DefinitionSchema attributes;

    private final JsonSchema schema;
    private final JsonNode schemaTree;

    private DefinitionSchema(String resource) {
        try (InputStream in = DefinitionSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new WebhookActionException("schema " + resource + " is missing from the classpath");
            }
            JsonNode tree = io.webhookactions.support.Json.mapper().readTree(in);
            this.schemaTree = tree;
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .pathType(PathType.JSON_POINTER)
                    .build();
            // errorMessage is our own annotation (read back in customMessage), declared so it is not "unknown".
            JsonMetaSchema draft = JsonMetaSchema.getV202012();
            JsonMetaSchema metaSchema = JsonMetaSchema.builder(draft.getIri(), draft)
                    .keyword(new NonValidationKeyword("errorMessage"))
                    .build();
            JsonSchemaFactory factory = JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012))
                    .metaSchema(metaSchema)
                    .build();
            this.schema = factory.getSchema(tree, config);
        } catch (IOException e) {
            throw new WebhookActionException("cannot read schema " + resource + ": " + e.getMessage(), e);
        }
    }

    /** The schema of a webhook action definition file. */
    public static DefinitionSchema webhookAction() {
        if (webhookAction == null) {
            webhookAction = new DefinitionSchema(WEBHOOK_ACTION);
        }
        return webhookAction;
    }

    /** The schema of {@code config/attributes.json}. */
    public static DefinitionSchema attributes() {
        if (attributes == null) {
            attributes = new DefinitionSchema(ATTRIBUTES);
        }
        return attributes;
    }

    /** Every schema violation of {@code document}, as errors in document order. */
    public List<DefinitionError> validate(JsonNode document, String file) {
        Set<ValidationMessage> messages = schema.validate(document);
        Set<DefinitionError> errors = new LinkedHashSet<>();
        for (ValidationMessage message : messages) {
            if (!insideFailedOneOf(message, messages)) {
                errors.add(toError(message, file));
            }
        }
        List<DefinitionError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparing(DefinitionError::pointer));
        return sorted;
    }

    private DefinitionError toError(ValidationMessage message, String file) {
        String location = message.getInstanceLocation().toString();
        String pointer = location.equals("/") ? "" : location;
        String property = message.getProperty();
        JsonNode owner = owningSchema(message);
        return switch (message.getType()) {
            case "required" -> new DefinitionError(file, JsonPointers.child(pointer, property),
                    "is required; add \"" + property + "\"");
            case "additionalProperties" -> new DefinitionError(file, JsonPointers.child(pointer, property),
                    "unknown property \"" + property + "\"; " + allowedProperties(owner, property));
            case "propertyNames" -> new DefinitionError(file, JsonPointers.child(pointer, property),
                    customMessage(owner == null ? null : owner.get("propertyNames"), "pattern", message));
            default -> new DefinitionError(file, pointer, customMessage(owner, message.getType(), message));
        };
    }

    /**
     * A branch of a {@code oneOf} failing is expected (only one must match); the {@code oneOf} error itself
     * says what is allowed, so the branches' own complaints are noise.
     */
    private static boolean insideFailedOneOf(ValidationMessage message, Set<ValidationMessage> all) {
        String path = message.getEvaluationPath().toString();
        if (!path.contains("/oneOf/")) {
            return false;
        }
        return all.stream().anyMatch(other -> other.getType().equals("oneOf")
                && path.startsWith(other.getEvaluationPath().toString() + "/"));
    }

    /** The schema object whose keyword failed, found by walking the message's schema location. */
    private JsonNode owningSchema(ValidationMessage message) {
        JsonNode owner = schemaTree;
        JsonNodePath fragment = message.getSchemaLocation().getFragment();
        for (int i = 0; i < fragment.getNameCount() - 1 && owner != null; i++) {
            Object element = fragment.getElement(i);
            owner = element instanceof Integer index ? owner.get(index) : owner.get(String.valueOf(element));
        }
        return owner;
    }

    /** Names the properties the schema allows where an unknown one was found, with the closest as a suggestion. */
    private static String allowedProperties(JsonNode owner, String property) {
        JsonNode properties = owner == null ? null : owner.get("properties");
        if (properties == null || !properties.isObject()) {
            return "remove it or check its spelling";
        }
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(name -> {
            if (!name.equals("type") && !name.startsWith("$")) {
                names.add(name);
            }
        });
        String suggestion = Suggestions.closest(property, names)
                .map(name -> "did you mean \"" + name + "\"? ").orElse("");
        return suggestion + "allowed here: " + String.join(", ", names);
    }

    /**
     * The schema's own {@code errorMessage} text for the failed keyword (it says how to fix the value),
     * else the library's message without its location prefix.
     */
    private static String customMessage(JsonNode owner, String keyword, ValidationMessage message) {
        JsonNode custom = owner == null ? null : owner.path("errorMessage").get(keyword);
        if (custom != null && custom.isTextual()) {
            return custom.asText();
        }
        String text = message.getMessage();
        String prefix = message.getInstanceLocation().toString() + ": ";
        return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
    }
}
