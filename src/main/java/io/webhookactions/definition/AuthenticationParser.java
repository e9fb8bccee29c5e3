package io.webhookactions.definition;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.attribute.Context;
import io.webhookactions.definition.TemplateRules.Place;
import io.webhookactions.template.Reference;
import io.webhookactions.template.Template;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks and builds the {@code authentication} block (SPEC §5). */
final class AuthenticationParser {

    /** Built-in {@code _auth} values that are not variables. */
    static final Set<String> AUTH_BUILT_INS = Set.of("uuid", "timestamp", "timestamp_micro");

    private static final String BASE = "/authentication";

    private final Problems problems;
    private final TemplateRules templates;

    AuthenticationParser(Problems problems, TemplateRules templates) {
        this.problems = problems;
        this.templates = templates;
    }

    Authentication parse(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("type").isTextual()) {
            return null;
        }
        return switch (node.get("type").asText()) {
            case "header" -> header(node);
            case "mtls" -> mtls(node);
            case "oauth2_client_credentials" -> oauth2(node);
            default -> null;
        };
    }

    private Authentication header(JsonNode node) {
        Map<String, String> variables = strings(node.path("variables"), BASE + "/variables", Place.HEADER_AUTH);
        for (String name : variables.keySet()) {
            if (AUTH_BUILT_INS.contains(name)) {
                problems.add(JsonPointers.child(BASE + "/variables", name), "\"" + name
                        + "\" is a built-in _auth value and cannot be redefined; choose another name");
            } else if (!io.webhookactions.attribute.AttributeName.isValidName(name)) {
                problems.add(JsonPointers.child(BASE + "/variables", name),
                        "variable names use letters, digits, '_' and '-', starting with a letter or '_'");
            }
        }
        Map<String, String> headers = strings(node.path("headers"), BASE + "/headers", Place.HEADER_AUTH);
        headers.keySet().forEach(name -> HeaderNames.check(name, JsonPointers.child(BASE + "/headers", name), problems));
        checkAuthVariables(variables, headers);
        return new Authentication.Header(variables, headers);
    }

    /** Every {@code _auth.x} must be a built-in or a variable, and variables must not depend on themselves. */
    private void checkAuthVariables(Map<String, String> variables, Map<String, String> headers) {
        Map<String, Set<String>> dependsOn = new HashMap<>();
        Map<String, String> all = new LinkedHashMap<>();
        variables.forEach((name, value) -> all.put(JsonPointers.child(BASE + "/variables", name), value));
        headers.forEach((name, value) -> all.put(JsonPointers.child(BASE + "/headers", name), value));
        for (Map.Entry<String, String> entry : all.entrySet()) {
            Set<String> uses = new HashSet<>();
            for (Reference reference : references(entry.getValue())) {
                if (reference.context() != Context.AUTH) {
                    continue;
                }
                String name = reference.name();
                if (!AUTH_BUILT_INS.contains(name) && !variables.containsKey(name)) {
                    problems.add(entry.getKey(), "{" + reference + "} is neither a built-in (uuid, timestamp, "
                            + "timestamp_micro) nor a variable; define \"" + name + "\" in authentication.variables");
                }
                uses.add(name);
            }
            if (entry.getKey().startsWith(BASE + "/variables/")) {
                dependsOn.put(entry.getKey().substring((BASE + "/variables/").length()).replace("~1", "/").replace("~0", "~"), uses);
            }
        }
        for (String variable : variables.keySet()) {
            List<String> cycle = cycleFrom(variable, dependsOn);
            if (!cycle.isEmpty() && cycle.get(0).equals(variable) && isSmallest(variable, cycle)) {
                problems.add(JsonPointers.child(BASE + "/variables", variable), "variables refer to each other in a cycle ("
                        + String.join(" -> ", cycle) + " -> " + variable + "); break the cycle");
            }
        }
    }

    /** The cycle through {@code start}, as the list of variables visited, or empty. */
    private static List<String> cycleFrom(String start, Map<String, Set<String>> dependsOn) {
        Deque<List<String>> paths = new ArrayDeque<>();
        paths.push(List.of(start));
        Set<String> seen = new HashSet<>();
        while (!paths.isEmpty()) {
            List<String> path = paths.pop();
            String last = path.get(path.size() - 1);
            for (String next : dependsOn.getOrDefault(last, Set.of())) {
                if (next.equals(start)) {
                    return path;
                }
                if (dependsOn.containsKey(next) && seen.add(next)) {
                    List<String> longer = new java.util.ArrayList<>(path);
                    longer.add(next);
                    paths.push(longer);
                }
            }
        }
        return List.of();
    }

    /** Reports a cycle once, at the alphabetically first variable on it. */
    private static boolean isSmallest(String variable, List<String> cycle) {
        return cycle.stream().allMatch(other -> variable.compareTo(other) <= 0);
    }

    private List<Reference> references(String text) {
        try {
            return Template.parse(text).references();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private Authentication mtls(JsonNode node) {
        String certificate = text(node, "certificate");
        if (certificate != null) {
            Optional<Template> template = templates.parse(certificate, BASE + "/certificate", Place.SECRET_FIELD);
            if (template.isPresent() && !isSingleSecret(template.get())) {
                problems.add(BASE + "/certificate", "must be exactly one secret reference such as \"{secret.client_cert}\"; "
                        + "import the certificate with: secrets import-cert NAME FILE");
            }
        }
        String password = text(node, "password");
        if (password != null) {
            templates.parse(password, BASE + "/password", Place.SECRET_FIELD);
        }
        String ca = text(node, "ca_certificate");
        if (ca != null) {
            checkCaBundle(ca);
        }
        return certificate == null ? null : new Authentication.Mtls(certificate, password, ca);
    }

    private static boolean isSingleSecret(Template template) {
        return template.isSingleExpression() && template.references().get(0).context() == Context.SECRET
                && template.references().get(0).path().isEmpty();
    }

    /** The CA bundle is parsed now, so a broken one fails at load rather than on the first call. */
    private void checkCaBundle(String base64) {
        String pointer = BASE + "/ca_certificate";
        byte[] pem;
        try {
            pem = Base64.getMimeDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            problems.add(pointer, "is not base64; encode the PEM file, e.g. base64 -w0 ca.pem");
            return;
        }
        String text = new String(pem, java.nio.charset.StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            problems.add(pointer, "does not hold a PEM certificate (no BEGIN CERTIFICATE line); encode the CA's PEM file");
            return;
        }
        try {
            if (CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)).isEmpty()) {
                problems.add(pointer, "holds no certificate; encode the CA's PEM file");
            }
        } catch (CertificateException e) {
            problems.add(pointer, "holds a certificate that cannot be read (" + e.getMessage() + ")");
        }
    }

    private Authentication oauth2(JsonNode node) {
        String tokenUrl = text(node, "token_url");
        if (tokenUrl != null) {
            templates.parse(tokenUrl, BASE + "/token_url", Place.PLAIN_AUTH_FIELD)
                    .ifPresent(template -> UrlShape.check(templates.resolved(template), BASE + "/token_url", problems));
        }
        String clientId = text(node, "client_id");
        if (clientId != null) {
            templates.parse(clientId, BASE + "/client_id", Place.PLAIN_AUTH_FIELD);
        }
        String clientSecret = text(node, "client_secret");
        if (clientSecret != null) {
            templates.parse(clientSecret, BASE + "/client_secret", Place.SECRET_FIELD);
        }
        String scope = text(node, "scope");
        if (scope != null) {
            templates.parse(scope, BASE + "/scope", Place.PLAIN_AUTH_FIELD);
        }
        String clientAuth = text(node, "client_auth");
        Authentication.ClientAuth auth = "body".equals(clientAuth) ? Authentication.ClientAuth.BODY : Authentication.ClientAuth.BASIC;
        if (tokenUrl == null || clientId == null || clientSecret == null) {
            return null;
        }
        return new Authentication.OAuth2ClientCredentials(tokenUrl, clientId, clientSecret,
                scope == null || scope.isBlank() ? null : scope, auth);
    }

    private Map<String, String> strings(JsonNode object, String pointer, Place place) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!object.isObject()) {
            return values;
        }
        object.fields().forEachRemaining(entry -> {
            if (entry.getValue().isTextual()) {
                String at = JsonPointers.child(pointer, entry.getKey());
                templates.parse(entry.getValue().asText(), at, place);
                values.put(entry.getKey(), entry.getValue().asText());
            }
        });
        return values;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

}
