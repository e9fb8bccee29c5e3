package io.webhookactions.definition;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.attribute.AttributeType;
import io.webhookactions.attribute.AttributeTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads {@code config/attributes.json} (SPEC §2) the way definitions are loaded: strict JSON, its own
 * JSON Schema, errors with file and pointer. A missing file means no declarations.
 */
public final class AttributeTypesLoader {

    private AttributeTypesLoader() {
    }

    /** The declared types, or every error in the file. */
    public record Result(AttributeTypes types, List<DefinitionError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    public static Result load(Path file) {
        if (!Files.exists(file)) {
            return new Result(AttributeTypes.none(), List.of());
        }
        String label = file.toString();
        DefinitionReader.Result read = DefinitionReader.read(file, label);
        if (!read.ok()) {
            return new Result(AttributeTypes.none(), List.of(read.error()));
        }
        return fromTree(read.tree(), label);
    }

    static Result fromTree(JsonNode tree, String label) {
        List<DefinitionError> errors = new ArrayList<>(DefinitionSchema.attributes().validate(tree, label));
        if (!errors.isEmpty() || !tree.isObject()) {
            if (errors.isEmpty()) {
                errors.add(new DefinitionError(label, "", "must be a JSON object of attribute name -> type"));
            }
            return new Result(AttributeTypes.none(), errors);
        }
        Map<String, AttributeType> declared = new LinkedHashMap<>();
        tree.fields().forEachRemaining(entry ->
                AttributeType.ofKey(entry.getValue().asText()).ifPresent(type -> declared.put(entry.getKey(), type)));
        return new Result(new AttributeTypes(declared), errors);
    }
}
