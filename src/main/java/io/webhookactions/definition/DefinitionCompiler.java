package io.webhookactions.definition;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.attribute.AttributeName;
import io.webhookactions.definition.ResponsePlan.GroupPlan;
import io.webhookactions.definition.TemplateRules.Place;
import io.webhookactions.template.HeaderTemplate;
import io.webhookactions.template.JsonBodyTemplate;
import io.webhookactions.template.Reference;
import io.webhookactions.template.Template;
import io.webhookactions.template.TemplateSyntaxException;
import io.webhookactions.template.UrlTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a definition tree and compiles it into its {@link ActionPlan}, in one pass that collects every
 * problem. What a JSON Schema cannot say (templates, JMESPath, URL shape, header names, attribute targets,
 * where credentials may go) is checked here by the same code that builds the plan, so checking and
 * compiling cannot disagree. It reads the tree defensively: it also runs on a document the schema rejected
 * and adds what the schema could not see.
 */
final class DefinitionCompiler {

    private final Problems problems;
    private final TemplateRules templates;
    private final ExpressionCompiler expressions;
    /** Every attribute a parsed template reads, in order of appearance: the plan's inputs. */
    private final Set<String> inputs = new LinkedHashSet<>();

    DefinitionCompiler(Problems problems, Placeholders placeholders, SecretNames secretNames) {
        this.problems = problems;
        this.templates = new TemplateRules(problems, placeholders, secretNames);
        this.expressions = new ExpressionCompiler(problems);
    }

    /** The plan, or null when there is any problem (all of them are in {@code problems}). */
    ActionPlan compile(JsonNode root, Path source) {
        if (!root.isObject()) {
            problems.add("", "must be a JSON object with name, method and url, found " + kind(root));
            return null;
        }
        boolean legacy = "legacy".equals(text(root, "type"));
        LegacyIo legacyIo = legacy ? legacy(root) : null;
        if (!legacy) {
            for (String field : new String[] {"inputs", "outputs"}) {
                if (root.has(field)) {
                    problems.add("/" + field, "\"" + field + "\" belongs to legacy definitions; add \"type\": \"legacy\" or map"
                            + " the response with \"response\" instead");
                }
            }
        }
        String name = text(root, "name");
        String description = text(root, "description");
        HttpMethod method = legacy ? HttpMethod.POST
                : HttpMethod.parse(root.has("method") ? text(root, "method") : "GET").orElse(null);
        UrlTemplate url = url(text(root, "url"));
        List<HeaderTemplate> headers = headers(root.path("headers"));
        JsonNode bodyTree = legacyIo != null ? LegacyBody.of(legacyIo) : root.get("body");
        if (bodyTree != null && legacyIo == null) {
            wideNumbers(bodyTree, "/body");
        }
        JsonBodyTemplate body = bodyTree == null || bodyTree.isNull() ? null
                : JsonBodyTemplate.compile(bodyTree, legacyIo != null ? "/inputs" : "/body",
                        (text, pointer) -> parse(text, pointer, Place.REQUEST).orElse(null));
        AuthPlan authentication = new AuthenticationCompiler(problems, this::parse).compile(root.get("authentication"), url);
        ResponsePlan response = legacyIo != null ? new ResponsePlan.Legacy(legacyIo.outputs()) : response(root.path("response"));
        int timeout = root.path("timeout_ms").canConvertToInt() ? root.path("timeout_ms").asInt() : 0;
        RetryPolicy retry = retry(root.get("retry"), timeout > 0 ? timeout : ActionPlan.DEFAULT_TIMEOUT_MS);
        if (!problems.isEmpty() || name == null || method == null || url == null || authentication == null) {
            return null;
        }
        return new ActionPlan(source, name, description, method, new RequestPlan(url, headers, body), authentication, response,
                timeout, retry, List.copyOf(inputs), legacyIo, templates.sensitiveValues());
    }

    /** Parses a template and, when it is acceptable, records the caller attributes it reads. */
    private Optional<Template> parse(String text, String pointer, Place place) {
        Optional<Template> template = templates.parse(text, pointer, place);
        template.ifPresent(parsed -> {
            for (Reference reference : parsed.references()) {
                if (reference.context().suppliedByCaller()) {
                    inputs.add(reference.attribute());
                }
            }
        });
        return template;
    }

    private UrlTemplate url(String text) {
        if (text == null) {
            return null;
        }
        Optional<Template> template = parse(text, "/url", Place.REQUEST);
        if (template.isEmpty()) {
            return null;
        }
        int before = problems.errors().size();
        UrlShape.check(template.get(), "/url", problems);
        if (problems.errors().size() > before) {
            return null;
        }
        try {
            return UrlTemplate.compile(template.get());
        } catch (TemplateSyntaxException e) {
            problems.add("/url", e.reason());
            return null;
        }
    }

    /** The inputs and outputs of a legacy definition, and the V2 fields it may not use. */
    private LegacyIo legacy(JsonNode root) {
        for (String field : new String[] {"method", "body", "response"}) {
            if (root.has(field)) {
                problems.add("/" + field, "legacy actions always POST {\"input_data\": {\"attributes\": ...}} and read"
                        + " output_data; remove \"" + field + "\" (or convert the action to V2 with: convert FILE)");
            }
        }
        if (!root.has("inputs")) {
            problems.add("/inputs", "is required for legacy actions; list the attributes to send, e.g. [\"user.user_id\"]");
        }
        if (!root.has("outputs")) {
            problems.add("/outputs", "is required for legacy actions; list the attributes to read back, e.g. [\"user_name\"]");
        }
        List<AttributeName> inputNames = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        JsonNode inputNode = root.path("inputs");
        for (int i = 0; i < inputNode.size(); i++) {
            String pointer = "/inputs/" + i;
            String text = inputNode.get(i).asText().strip();
            if (text.startsWith("{") && text.endsWith("}")) {
                text = text.substring(1, text.length() - 1).strip();
            }
            try {
                AttributeName input = AttributeName.parse(text);
                if (!input.context().suppliedByCaller()) {
                    problems.add(pointer, "inputs read user, session, global or conversation attributes, not " + input.context().key());
                } else if (!keys.add(input.name())) {
                    problems.add(pointer, "\"" + input.name() + "\" is sent twice (input_data.attributes is keyed by the bare name);"
                            + " keep one");
                } else {
                    inputNames.add(input);
                }
            } catch (IllegalArgumentException e) {
                problems.add(pointer, e.getMessage());
            }
        }
        List<AttributeName> outputs = new ArrayList<>();
        JsonNode outputNode = root.path("outputs");
        for (int i = 0; i < outputNode.size(); i++) {
            AttributeName output = target(outputNode.get(i).asText().strip(), "/outputs/" + i);
            if (output != null) {
                outputs.add(output);
            }
        }
        return new LegacyIo(inputNames, outputs);
    }

    private List<HeaderTemplate> headers(JsonNode node) {
        List<HeaderTemplate> headers = new ArrayList<>();
        if (!node.isObject()) {
            return headers;
        }
        Set<String> seen = new HashSet<>();
        node.fields().forEachRemaining(entry -> {
            String pointer = JsonPointers.child("/headers", entry.getKey());
            HeaderNames.check(entry.getKey(), pointer, problems);
            if (!seen.add(entry.getKey().toLowerCase(Locale.ROOT))) {
                problems.add(pointer, "header \"" + entry.getKey() + "\" is given twice (names are case-insensitive); keep one");
            }
            if (entry.getValue().isTextual()) {
                String value = entry.getValue().asText();
                HeaderNames.checkValue(value, pointer, problems);
                parse(value, pointer, Place.REQUEST).ifPresent(template -> headers.add(new HeaderTemplate(entry.getKey(), template)));
            }
        });
        return headers;
    }

    private ResponsePlan response(JsonNode node) {
        Map<StatusGroup, GroupPlan> groups = new EnumMap<>(StatusGroup.class);
        if (node.isObject()) {
            node.fields().forEachRemaining(entry -> StatusGroup.ofKey(entry.getKey()).ifPresent(group -> {
                if (entry.getValue().isObject()) {
                    groups.put(group, responseGroup(group, entry.getValue(), JsonPointers.child("/response", entry.getKey())));
                }
            }));
        }
        return new ResponsePlan.StatusGroups(groups);
    }

    private GroupPlan responseGroup(StatusGroup group, JsonNode node, String pointer) {
        SuccessRule success = SuccessRule.byDefault(group);
        String rule = text(node, "action_success");
        if (rule != null && !rule.isBlank()) {
            String trimmed = rule.strip();
            if (trimmed.equalsIgnoreCase("true")) {
                success = SuccessRule.TRUE;
            } else if (trimmed.equalsIgnoreCase("false")) {
                success = SuccessRule.FALSE;
            } else {
                var compiled = expressions.jmesPath(trimmed, pointer + "/action_success", "; or write \"TRUE\" or \"FALSE\"");
                success = compiled == null ? success : new SuccessRule.Expression(trimmed, compiled);
            }
        }
        List<OutputPlan> outputs = new ArrayList<>();
        JsonNode outputsNode = node.path("outputs");
        if (outputsNode.isObject()) {
            outputsNode.fields().forEachRemaining(entry -> {
                OutputPlan output = output(entry.getKey(), entry.getValue(), JsonPointers.child(pointer + "/outputs", entry.getKey()));
                if (output != null) {
                    outputs.add(output);
                }
            });
        }
        String rawName = text(node, "raw_response");
        AttributeName raw = rawName == null ? null : target(rawName, pointer + "/raw_response");
        return new GroupPlan(success, outputs, raw);
    }

    private OutputPlan output(String targetName, JsonNode expression, String pointer) {
        AttributeName target = target(targetName, pointer);
        if (expression.isTextual()) {
            var compiled = expressions.jmesPath(expression.asText(), pointer, "");
            return target == null || compiled == null ? null : new OutputPlan.JmesPath(target, expression.asText(), compiled);
        }
        if (expression.isObject() && expression.path("jsonpath").isTextual()) {
            String path = expression.get("jsonpath").asText();
            var compiled = expressions.jsonPath(path, pointer + "/jsonpath");
            return target == null || compiled == null ? null : new OutputPlan.JsonPathQuery(target, path, compiled);
        }
        return null;
    }

    /** An output or raw-response target: {@code [user.|session.]name}. */
    private AttributeName target(String text, String pointer) {
        try {
            AttributeName name = AttributeName.parse(text);
            if (!name.context().writable()) {
                problems.add(pointer, "outputs can only be written to user or session, not " + name.context().key()
                        + "; write user." + name.name() + " or session." + name.name());
                return null;
            }
            return name;
        } catch (IllegalArgumentException e) {
            problems.add(pointer, "target " + e.getMessage());
            return null;
        }
    }

    /**
     * A body is written with its numbers in full (no exponent), which Jackson refuses beyond 9999 digits either side of
     * the point: such a literal would fail every execution, so it is an error here.
     */
    private void wideNumbers(JsonNode node, String pointer) {
        if (node.isBigDecimal() && !io.webhookactions.attribute.Coercion.writable(node.decimalValue())) {
            problems.add(pointer, "is a number that needs more than " + io.webhookactions.attribute.Coercion.MAX_SCALE
                    + " digits written out (a body's numbers are sent without exponent); use a smaller number or send it as "
                    + "text: \"" + node.decimalValue() + "\"");
            return;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                wideNumbers(node.get(i), JsonPointers.child(pointer, i));
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(field -> wideNumbers(field.getValue(), JsonPointers.child(pointer, field.getKey())));
        }
    }

    private RetryPolicy retry(JsonNode node, int timeoutMs) {
        if (node == null || !node.isObject()) {
            return RetryPolicy.NONE;
        }
        int attempts = node.path("max_attempts").canConvertToInt() ? node.path("max_attempts").asInt() : 3;
        long backoff = node.path("backoff_ms").canConvertToLong() ? node.path("backoff_ms").asLong() : 200;
        Set<StatusGroup> groups = new HashSet<>();
        Set<Integer> codes = new HashSet<>();
        boolean network = false;
        JsonNode on = node.get("on");
        if (on == null) {
            groups.add(StatusGroup.SERVER_ERROR);
            codes.add(429);
            network = true;
        } else if (on.isArray()) {
            for (JsonNode item : on) {
                String value = item.asText();
                if (value.equals("network")) {
                    network = true;
                } else if (value.endsWith("xx")) {
                    StatusGroup.ofKey(value).ifPresent(groups::add);
                } else if (value.matches("[1-5]\\d\\d")) {
                    codes.add(Integer.parseInt(value));
                }
            }
        }
        if (attempts > 1 && backoff >= timeoutMs) {
            problems.add("/retry/backoff_ms", "a backoff of " + backoff + " ms leaves no time for a second attempt within "
                    + "timeout_ms " + timeoutMs + "; lower backoff_ms or raise timeout_ms");
        }
        return new RetryPolicy(Math.max(1, attempts), groups, codes, network, Math.max(0, backoff));
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    static String kind(JsonNode node) {
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return node.isNull() ? "null" : "an object";
    }
}
