package io.webhookactions.response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.webhookactions.attribute.AttributeName;
import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.call.UpstreamResponse;
import io.webhookactions.definition.OutputPlan;
import io.webhookactions.definition.ResponsePlan;
import io.webhookactions.definition.ResponsePlan.GroupPlan;
import io.webhookactions.definition.StatusGroup;
import io.webhookactions.definition.SuccessRule;
import io.webhookactions.support.Json;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The V2 response block applied to each response, with the expressions the plan compiled at load: status
 * group -> {@code action_success} -> outputs -> raw response, plus the three default attributes of SPEC §4.
 */
final class StatusGroupMapping implements ResponseMapping {

    private static final Logger LOG = LoggerFactory.getLogger(StatusGroupMapping.class);
    private static final Configuration JSON_PATH = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.mapper()))
            .mappingProvider(new JacksonMappingProvider(Json.mapper()))
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();

    private final String action;
    private final ResponsePlan.StatusGroups plan;
    private final AttributeTypes types;

    StatusGroupMapping(String action, ResponsePlan.StatusGroups plan, AttributeTypes types) {
        this.action = action;
        this.plan = plan;
        this.types = types;
    }

    @Override
    public Mapped map(UpstreamResponse response) {
        SetAttributes set = new SetAttributes();
        StatusGroup status = StatusGroup.ofStatus(response.status()).orElse(null);
        GroupPlan group = status == null ? null : plan.of(status);
        boolean success = false;
        if (group != null) {
            boolean needsDocument = group.success() instanceof SuccessRule.Expression || !group.outputs().isEmpty();
            JsonNode document = needsDocument ? parse(response.body()) : null;
            success = success(group.success(), document);
            if (document != null) {
                for (OutputPlan output : group.outputs()) {
                    set.put(output.target(), typed(output.target(), evaluate(output, document)));
                }
            }
            if (group.rawResponse() != null) {
                String raw = response.bodyText();
                set.put(group.rawResponse(), TextNode.valueOf(raw == null ? "" : raw));
            }
        }
        set.putDefaults(action, success, response.status(), null);
        return new Mapped(success, set.values(), null);
    }

    @Override
    public Mapped failure(String error) {
        return ResponseMapping.failure(action, error);
    }

    private boolean success(SuccessRule rule, JsonNode document) {
        if (rule instanceof SuccessRule.Constant constant) {
            return constant.value();
        }
        SuccessRule.Expression expression = (SuccessRule.Expression) rule;
        if (document == null) {
            // Nothing to judge: an empty or non-JSON body is no evidence of success ("!error" would say true).
            LOG.debug("{}: action_success expression '{}' has no JSON body to read; counted as false", action, expression.source());
            return false;
        }
        JsonNode result;
        try {
            result = expression.compiled().search(document);
        } catch (RuntimeException | StackOverflowError e) {
            result = null;
        }
        if (result != null && result.isBoolean()) {
            return result.booleanValue();
        }
        LOG.debug("{}: action_success expression '{}' yielded {} instead of a boolean; counted as false", action,
                expression.source(), result == null || result.isNull() ? "null" : result.getNodeType());
        return false;
    }

    /**
     * The value, or null when the expression matches nothing or fails on this document's types. Failures come as
     * runtime exceptions of either library (jmespath-java's argument types; Jayway's functions, which throw whatever
     * SUPPRESS_EXCEPTIONS says: avg() of strings, first() of []), or as a stack overflow on a thread with a smaller
     * stack than the one that compiled a deeply nested expression.
     */
    private static JsonNode evaluate(OutputPlan output, JsonNode document) {
        try {
            if (output instanceof OutputPlan.JmesPath jmesPath) {
                return jmesPath.compiled().search(document);
            }
            Object value = ((OutputPlan.JsonPathQuery) output).compiled().read(document, JSON_PATH);
            return value instanceof JsonNode node ? node : value == null ? null : Json.mapper().valueToTree(value);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.debug("output {}: the expression failed on this response ({}); left empty", output.target(),
                    e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
            return null;
        }
    }

    /** The output value coerced to the target's declared type; null (absent) when empty or not coercible. */
    private JsonNode typed(AttributeName target, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (!Contexts.holdable(value)) {
            // An output is a context value for the next action: those nest at most 64 levels, and their numbers are
            // written out in full. A part of an answer nested up to JSON's 1000, or holding 1e10000, made the result
            // impossible to write (a 500 after the call, and no history record).
            LOG.debug("output {}: the value nests deeper than {} levels or holds a number too wide to write out; left empty",
                    target, Contexts.MAX_DEPTH);
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
            JsonNode document = Json.mapper().readTree(body);
            return document == null || document.isMissingNode() ? null : document;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
