package io.webhookactions.response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.burt.jmespath.Expression;
import io.webhookactions.attribute.AttributeName;
import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.attribute.Context;
import io.webhookactions.definition.Expressions;
import io.webhookactions.definition.OutputMapping;
import io.webhookactions.definition.ResponseGroup;
import io.webhookactions.definition.StatusGroup;
import io.webhookactions.definition.SuccessRule;
import io.webhookactions.definition.WebhookActionDefinition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The V2 response block of a definition compiled at load (JMESPath and JSONPath expressions compiled once)
 * and applied to each response: status group -> {@code action_success} -> outputs -> raw response, plus
 * the three default attributes of SPEC §4.
 */
final class StatusGroupMapping implements ResponseMapping {

    private static final Logger LOG = LoggerFactory.getLogger(StatusGroupMapping.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Configuration JSON_PATH = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(JSON))
            .mappingProvider(new JacksonMappingProvider(JSON))
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();

    private record Output(AttributeName target, Expression<JsonNode> jmesPath, JsonPath jsonPath) {
        /** The value, or null when the expression matches nothing or fails on this document's types. */
        JsonNode evaluate(JsonNode document) {
            if (jmesPath != null) {
                try {
                    return jmesPath.search(document);
                } catch (RuntimeException e) {
                    LOG.debug("output {}: the expression failed on this response ({}); left empty", target, e.getMessage());
                    return null;
                }
            }
            Object value = jsonPath.read(document, JSON_PATH);
            return value instanceof JsonNode node ? node : value == null ? null : JSON.valueToTree(value);
        }
    }

    private record Group(Boolean constantSuccess, Expression<JsonNode> successExpression, String successSource,
                         List<Output> outputs, AttributeName raw) {
        boolean needsDocument() {
            return successExpression != null || !outputs.isEmpty();
        }
    }

    private final String action;
    private final AttributeTypes types;
    private final Map<StatusGroup, Group> groups = new EnumMap<>(StatusGroup.class);

    private StatusGroupMapping(String action, AttributeTypes types) {
        this.action = action;
        this.types = types;
    }

    static StatusGroupMapping compile(WebhookActionDefinition definition, AttributeTypes types) {
        StatusGroupMapping mapping = new StatusGroupMapping(definition.name(), types);
        for (StatusGroup status : StatusGroup.values()) {
            ResponseGroup group = definition.responseFor(status);
            List<Output> outputs = new ArrayList<>();
            for (OutputMapping output : group.outputs()) {
                outputs.add(output.language() == OutputMapping.Language.JMESPATH
                        ? new Output(output.target(), Expressions.jmesPath().compile(output.expression()), null)
                        : new Output(output.target(), null, JsonPath.compile(output.expression())));
            }
            Group compiled;
            if (group.actionSuccess() instanceof SuccessRule.Constant constant) {
                compiled = new Group(constant.value(), null, null, List.copyOf(outputs), group.rawResponse());
            } else {
                String source = ((SuccessRule.Expression) group.actionSuccess()).jmesPath();
                compiled = new Group(null, Expressions.jmesPath().compile(source), source, List.copyOf(outputs), group.rawResponse());
            }
            mapping.groups.put(status, compiled);
        }
        return mapping;
    }

    @Override
    public Mapped map(UpstreamResponse response) {
        SetAttributes set = new SetAttributes();
        StatusGroup status = StatusGroup.ofStatus(response.status()).orElse(null);
        Group group = status == null ? null : groups.get(status);
        boolean success = false;
        if (group != null) {
            JsonNode document = group.needsDocument() ? parse(response.body()) : null;
            success = success(group, document);
            if (document != null) {
                for (Output output : group.outputs()) {
                    set.put(output.target(), typed(output.target(), output.evaluate(document)));
                }
            }
            if (group.raw() != null) {
                String raw = response.bodyText();
                set.put(group.raw(), TextNode.valueOf(raw == null ? "" : raw));
            }
        }
        set.putDefaults(action, success, response.status(), null);
        return new Mapped(success, set.values(), null);
    }

    @Override
    public Mapped failure(String error) {
        return ResponseMapping.failure(action, error);
    }

    private boolean success(Group group, JsonNode document) {
        if (group.constantSuccess() != null) {
            return group.constantSuccess();
        }
        JsonNode result;
        try {
            result = group.successExpression().search(document == null ? JSON.nullNode() : document);
        } catch (RuntimeException e) {
            result = null;
        }
        if (result != null && result.isBoolean()) {
            return result.booleanValue();
        }
        LOG.debug("{}: action_success expression '{}' yielded {} instead of a boolean; counted as false", action,
                group.successSource(), result == null || result.isNull() ? "null" : result.getNodeType());
        return false;
    }

    /** The output value coerced to the target's declared type; null (absent) when empty or not coercible. */
    private JsonNode typed(AttributeName target, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        JsonNode coerced = types.coerce(target.context(), target.name(), value);
        return coerced.isMissingNode() ? null : coerced;
    }

    /** The body as JSON, or null when empty, not JSON, or beyond Jackson's nesting and size limits. */
    static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode document = JSON.readTree(body);
            return document == null || document.isMissingNode() ? null : document;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
