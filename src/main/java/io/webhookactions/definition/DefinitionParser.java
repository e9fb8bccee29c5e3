package io.webhookactions.definition;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.attribute.AttributeName;
import io.webhookactions.definition.TemplateRules.Place;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The semantic checks of a definition (what a JSON Schema cannot say: templates, JMESPath, URL shape,
 * header names, attribute targets) and the building of its record, in one pass that collects every
 * problem. It reads the tree defensively, so it also runs on a document the schema rejected and adds
 * what the schema could not see.
 */
final class DefinitionParser {

    private final Problems problems;
    private final TemplateRules templates;

    DefinitionParser(Problems problems, UnaryOperator<String> properties, java.util.function.Predicate<String> secretExists) {
        this.problems = problems;
        this.templates = new TemplateRules(problems, properties, secretExists);
    }

    WebhookActionDefinition parse(JsonNode root, Path source) {
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
        HttpMethod method = HttpMethod.parse(root.has("method") && !legacy ? text(root, "method") : "GET").orElse(null);
        String url = text(root, "url");
        java.util.Optional<io.webhookactions.template.Template> urlTemplate = url == null ? java.util.Optional.empty()
                : templates.parse(url, "/url", Place.REQUEST);
        urlTemplate.ifPresent(template -> UrlShape.check(templates.resolved(template), "/url", problems));
        Map<String, String> headers = headers(root.path("headers"));
        JsonNode body = root.get("body");
        if (body != null) {
            checkBody(body, "/body");
        }
        Authentication authentication = new AuthenticationParser(problems, templates).parse(root.get("authentication"));
        if (authentication instanceof Authentication.OAuth2ClientCredentials
                && urlTemplate.map(io.webhookactions.template.UrlTemplate::hostHasAttribute).orElse(false)) {
            problems.add("/url", "with OAuth2 the host must be written literally or as a {{property}}, so the token can only"
                    + " go to that host; move the attribute out of the host");
        }
        Map<StatusGroup, ResponseGroup> response = response(root.path("response"));
        int timeout = root.path("timeout_ms").canConvertToInt() ? root.path("timeout_ms").asInt() : 0;
        RetryPolicy retry = retry(root.get("retry"), timeout > 0 ? timeout : WebhookActionDefinition.DEFAULT_TIMEOUT_MS);
        if (!problems.isEmpty() || name == null || method == null || url == null) {
            return null;
        }
        if (legacy) {
            return new WebhookActionDefinition(source, name, description, HttpMethod.POST, url, headers, LegacyBody.of(legacyIo),
                    authentication, Map.of(), timeout, retry, legacyIo);
        }
        return new WebhookActionDefinition(source, name, description, method, url, headers,
                body == null || body.isNull() ? null : body, authentication, response, timeout, retry);
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
        java.util.List<io.webhookactions.attribute.AttributeName> inputs = new java.util.ArrayList<>();
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
                    inputs.add(input);
                }
            } catch (IllegalArgumentException e) {
                problems.add(pointer, e.getMessage());
            }
        }
        java.util.List<AttributeName> outputs = new java.util.ArrayList<>();
        JsonNode outputNode = root.path("outputs");
        for (int i = 0; i < outputNode.size(); i++) {
            AttributeName output = target(outputNode.get(i).asText().strip(), "/outputs/" + i);
            if (output != null) {
                outputs.add(output);
            }
        }
        return new LegacyIo(inputs, outputs);
    }

    private Map<String, String> headers(JsonNode node) {
        Map<String, String> headers = new LinkedHashMap<>();
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
                if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
                    problems.add(pointer, "contains a line break or NUL, which would split the header; remove it");
                }
                templates.parse(value, pointer, Place.REQUEST);
                headers.put(entry.getKey(), value);
            }
        });
        return headers;
    }

    /** Every string anywhere in the body is a template; keys are literal. */
    private void checkBody(JsonNode node, String pointer) {
        if (node.isTextual()) {
            templates.parse(node.asText(), pointer, Place.REQUEST);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkBody(node.get(i), JsonPointers.child(pointer, i));
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(entry -> checkBody(entry.getValue(), JsonPointers.child(pointer, entry.getKey())));
        }
    }

    private Map<StatusGroup, ResponseGroup> response(JsonNode node) {
        Map<StatusGroup, ResponseGroup> groups = new EnumMap<>(StatusGroup.class);
        if (!node.isObject()) {
            return groups;
        }
        node.fields().forEachRemaining(entry -> StatusGroup.ofKey(entry.getKey()).ifPresent(group -> {
            if (entry.getValue().isObject()) {
                groups.put(group, responseGroup(group, entry.getValue(), JsonPointers.child("/response", entry.getKey())));
            }
        }));
        return groups;
    }

    private ResponseGroup responseGroup(StatusGroup group, JsonNode node, String pointer) {
        SuccessRule success = SuccessRule.byDefault(group);
        String rule = text(node, "action_success");
        if (rule != null && !rule.isBlank()) {
            String trimmed = rule.strip();
            if (trimmed.equalsIgnoreCase("true")) {
                success = SuccessRule.TRUE;
            } else if (trimmed.equalsIgnoreCase("false")) {
                success = SuccessRule.FALSE;
            } else {
                String at = pointer + "/action_success";
                Expressions.jmesPathError(trimmed).ifPresentOrElse(
                        error -> problems.add(at, error + "; or write \"TRUE\" or \"FALSE\""),
                        () -> { });
                success = new SuccessRule.Expression(trimmed);
            }
        }
        List<OutputMapping> outputs = new ArrayList<>();
        JsonNode outputsNode = node.path("outputs");
        if (outputsNode.isObject()) {
            outputsNode.fields().forEachRemaining(entry -> {
                OutputMapping output = output(entry.getKey(), entry.getValue(), JsonPointers.child(pointer + "/outputs", entry.getKey()));
                if (output != null) {
                    outputs.add(output);
                }
            });
        }
        AttributeName raw = null;
        String rawName = text(node, "raw_response");
        if (rawName != null) {
            raw = target(rawName, pointer + "/raw_response");
        }
        return new ResponseGroup(success, outputs, raw);
    }

    private OutputMapping output(String targetName, JsonNode expression, String pointer) {
        AttributeName target = target(targetName, pointer);
        if (expression.isTextual()) {
            Expressions.jmesPathError(expression.asText()).ifPresent(error -> problems.add(pointer, error));
            return target == null ? null : new OutputMapping(target, OutputMapping.Language.JMESPATH, expression.asText());
        }
        if (expression.isObject() && expression.path("jsonpath").isTextual()) {
            String path = expression.get("jsonpath").asText();
            Expressions.jsonPathError(path).ifPresent(error -> problems.add(pointer + "/jsonpath", error));
            return target == null ? null : new OutputMapping(target, OutputMapping.Language.JSONPATH, path);
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

    private static String text(JsonNode node, String field) {
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
