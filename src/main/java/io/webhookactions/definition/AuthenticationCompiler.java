package io.webhookactions.definition;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.attribute.AttributeName;
import io.webhookactions.attribute.Context;
import io.webhookactions.definition.TemplateRules.Place;
import io.webhookactions.template.HeaderTemplate;
import io.webhookactions.template.Reference;
import io.webhookactions.template.Segment;
import io.webhookactions.template.Template;
import io.webhookactions.template.TemplateSyntaxException;
import io.webhookactions.template.UrlTemplate;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
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

/**
 * Checks and compiles the {@code authentication} block (SPEC §5) into its {@link AuthPlan}, and decides
 * where its credentials may go (SPEC §11): the URL's host when it is written literally or as a
 * {{property}}, else the block's {@code allowed_hosts}; a templated host without them is a load error.
 */
final class AuthenticationCompiler {

    /** Parses one template at a pointer (recording the inputs it reads), or reports why not. */
    @FunctionalInterface
    interface Parser {
        Optional<Template> parse(String text, String pointer, Place place);
    }

    /** Built-in {@code _auth} values that are not variables. */
    static final Set<String> AUTH_BUILT_INS = Set.of("uuid", "timestamp", "timestamp_micro");

    private static final String BASE = "/authentication";

    private final Problems problems;
    private final Parser templates;

    AuthenticationCompiler(Problems problems, Parser templates) {
        this.problems = problems;
        this.templates = templates;
    }

    /**
     * @param url the action's compiled URL, or null when it did not compile (its problem is reported)
     * @return the plan ({@link AuthPlan.None} without a block), or null when it cannot be compiled
     */
    AuthPlan compile(JsonNode node, UrlTemplate url) {
        if (node == null) {
            return new AuthPlan.None();
        }
        if (!node.isObject() || !node.path("type").isTextual()) {
            return null;
        }
        CredentialHosts hosts = hosts(node, url);
        return switch (node.get("type").asText()) {
            case "header" -> header(node, hosts);
            case "mtls" -> mtls(node, hosts);
            case "oauth2_client_credentials" -> oauth2(node, hosts);
            default -> null;
        };
    }

    /** Where the credentials may go; null (with a problem) when the URL's host is templated and nothing says where. */
    private CredentialHosts hosts(JsonNode node, UrlTemplate url) {
        List<String> patterns = new ArrayList<>();
        JsonNode allowed = node.path("allowed_hosts");
        for (int i = 0; i < allowed.size(); i++) {
            if (allowed.get(i).isTextual() && !allowed.get(i).asText().isBlank()) {
                String pattern = allowed.get(i).asText().strip().toLowerCase(Locale.ROOT);
                try {
                    io.webhookactions.host.HostPolicy.of(pattern, "");
                    patterns.add(pattern);
                } catch (IllegalArgumentException e) {
                    problems.add(BASE + "/allowed_hosts/" + i, e.getMessage());
                }
            }
        }
        if (url == null) {
            return null;
        }
        Optional<String> literal = url.literalHost();
        if (literal.isPresent()) {
            if (!patterns.isEmpty()) {
                problems.add(BASE + "/allowed_hosts", "the URL's host is written literally (" + literal.get()
                        + "), so credentials only ever go there; remove allowed_hosts");
            }
            return CredentialHosts.fixed(literal.get().toLowerCase(Locale.ROOT));
        }
        if (patterns.isEmpty() && allowed.size() == 0) {
            problems.add("/url", "with authentication the host must be written literally or as a {{property}}, so the credentials"
                    + " can only go there; or list where the attribute may point in authentication.allowed_hosts");
            return null;
        }
        if (patterns.isEmpty()) {
            return null; // every listed pattern was refused above, each at its own pointer
        }
        return CredentialHosts.allowed(patterns);
    }

    private AuthPlan header(JsonNode node, CredentialHosts hosts) {
        Map<String, Template> variables = templates(node.path("variables"), BASE + "/variables");
        for (String name : variables.keySet()) {
            if (AUTH_BUILT_INS.contains(name)) {
                problems.add(JsonPointers.child(BASE + "/variables", name), "\"" + name
                        + "\" is a built-in _auth value and cannot be redefined; choose another name");
            } else if (!AttributeName.isValidName(name)) {
                problems.add(JsonPointers.child(BASE + "/variables", name),
                        "variable names use letters, digits, '_' and '-', starting with a letter or '_'");
            }
        }
        node.path("headers").fields().forEachRemaining(entry -> {
            if (entry.getValue().isTextual()) {
                HeaderNames.checkValue(entry.getValue().asText(), JsonPointers.child(BASE + "/headers", entry.getKey()), problems);
            }
        });
        Map<String, Template> headerTemplates = templates(node.path("headers"), BASE + "/headers");
        List<HeaderTemplate> headers = new ArrayList<>();
        headerTemplates.forEach((name, template) -> {
            HeaderNames.check(name, JsonPointers.child(BASE + "/headers", name), problems);
            headers.add(new HeaderTemplate(name, template));
        });
        checkAuthVariables(variables, headerTemplates);
        return hosts == null ? null : new AuthPlan.Header(variables, headers, secretDerived(variables), hosts);
    }

    /** Every {@code _auth.x} must be a built-in or a variable, and variables must not depend on themselves. */
    private void checkAuthVariables(Map<String, Template> variables, Map<String, Template> headers) {
        Map<String, Set<String>> dependsOn = new HashMap<>();
        Map<String, Template> all = new LinkedHashMap<>();
        variables.forEach((name, value) -> all.put(JsonPointers.child(BASE + "/variables", name), value));
        headers.forEach((name, value) -> all.put(JsonPointers.child(BASE + "/headers", name), value));
        all.forEach((pointer, template) -> {
            Set<String> uses = new HashSet<>();
            for (Reference reference : template.references()) {
                if (reference.context() != Context.AUTH) {
                    continue;
                }
                String name = reference.name();
                if (!AUTH_BUILT_INS.contains(name) && !variables.containsKey(name)) {
                    problems.add(pointer, "{" + reference + "} is neither a built-in (uuid, timestamp, "
                            + "timestamp_micro) nor a variable; define \"" + name + "\" in authentication.variables");
                }
                uses.add(name);
            }
            if (pointer.startsWith(BASE + "/variables/")) {
                dependsOn.put(pointer.substring((BASE + "/variables/").length()).replace("~1", "/").replace("~0", "~"), uses);
            }
        });
        for (String variable : variables.keySet()) {
            List<String> cycle = cycleFrom(variable, dependsOn);
            if (!cycle.isEmpty() && isSmallest(variable, cycle)) {
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
                    List<String> longer = new ArrayList<>(path);
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

    /** Variables whose value comes, directly or through other variables, from a secret or a protected property. */
    private static Set<String> secretDerived(Map<String, Template> variables) {
        Set<String> derived = new HashSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<String, Template> variable : variables.entrySet()) {
                if (!derived.contains(variable.getKey()) && readsSecret(variable.getValue(), derived)) {
                    derived.add(variable.getKey());
                    changed = true;
                }
            }
        }
        return derived;
    }

    private static boolean readsSecret(Template template, Set<String> derived) {
        if (template.segments().stream().anyMatch(Segment.Protected.class::isInstance)) {
            return true;
        }
        for (Reference reference : template.references()) {
            if (reference.context() == Context.SECRET
                    || (reference.context() == Context.AUTH && derived.contains(reference.name()))) {
                return true;
            }
        }
        return false;
    }

    private AuthPlan mtls(JsonNode node, CredentialHosts hosts) {
        String certificateSecret = null;
        String certificate = DefinitionCompiler.text(node, "certificate");
        if (certificate != null) {
            Optional<Template> template = templates.parse(certificate, BASE + "/certificate", Place.SECRET_FIELD);
            if (template.isPresent() && !isSingleSecret(template.get())) {
                problems.add(BASE + "/certificate", "must be exactly one secret reference such as \"{secret.client_cert}\"; "
                        + "import the certificate with: secrets import-cert NAME FILE");
            } else if (template.isPresent()) {
                certificateSecret = template.get().references().get(0).name();
            }
        }
        String passwordText = DefinitionCompiler.text(node, "password");
        Optional<Template> password = templates.parse(passwordText == null ? "" : passwordText, BASE + "/password", Place.SECRET_FIELD);
        String ca = caBundle(DefinitionCompiler.text(node, "ca_certificate"));
        if (ca != null) {
            checkCaBundle(ca);
        }
        if (certificateSecret == null || password.isEmpty() || hosts == null) {
            return null;
        }
        return new AuthPlan.Mtls(certificateSecret, password.get(), ca, hosts);
    }

    /** The CA bundle as written or from a {@code {{property}}} (it differs per environment); never from an attribute. */
    private String caBundle(String text) {
        if (text == null || !text.contains("{")) {
            return text;
        }
        Optional<Template> template = templates.parse(text, BASE + "/ca_certificate", Place.PLAIN_AUTH_FIELD);
        if (template.isEmpty()) {
            return null;
        }
        if (!template.get().references().isEmpty()) {
            problems.add(BASE + "/ca_certificate", "must be written out or come from a {{property}}, not from an attribute");
            return null;
        }
        return template.get().render(io.webhookactions.template.Scope.empty());
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
        String text = new String(pem, StandardCharsets.US_ASCII);
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

    private AuthPlan oauth2(JsonNode node, CredentialHosts hosts) {
        UrlTemplate tokenUrl = null;
        String tokenUrlText = DefinitionCompiler.text(node, "token_url");
        if (tokenUrlText != null) {
            Optional<Template> parsed = templates.parse(tokenUrlText, BASE + "/token_url", Place.PLAIN_AUTH_FIELD);
            if (parsed.isPresent()) {
                int before = problems.errors().size();
                UrlShape.check(parsed.get(), BASE + "/token_url", problems);
                if (problems.errors().size() == before) {
                    try {
                        tokenUrl = UrlTemplate.compile(parsed.get());
                    } catch (TemplateSyntaxException e) {
                        problems.add(BASE + "/token_url", e.reason());
                    }
                    // The client secret goes to the token endpoint: its host is fixed at load like the URL's (§11).
                    if (tokenUrl != null && tokenUrl.literalHost().isEmpty()) {
                        problems.add(BASE + "/token_url", "the host must be written literally or as a {{property}}, so the client"
                                + " secret can only go there; an attribute may stand in the path or query, not the host");
                        tokenUrl = null;
                    }
                }
            }
        }
        Optional<Template> clientId = optional(node, "client_id", Place.PLAIN_AUTH_FIELD);
        Optional<Template> clientSecret = optional(node, "client_secret", Place.SECRET_FIELD);
        Optional<Template> scope = optional(node, "scope", Place.PLAIN_AUTH_FIELD);
        AuthPlan.ClientAuth clientAuth = "body".equals(DefinitionCompiler.text(node, "client_auth"))
                ? AuthPlan.ClientAuth.BODY : AuthPlan.ClientAuth.BASIC;
        if (tokenUrl == null || clientId.isEmpty() || clientSecret.isEmpty() || hosts == null) {
            return null;
        }
        Template scopeTemplate = scope.filter(template -> !template.source().isBlank()).orElse(null);
        return new AuthPlan.OAuth2(tokenUrl, clientId.get(), clientSecret.get(), scopeTemplate, clientAuth, hosts);
    }

    /** The field's template; empty when absent or not acceptable. */
    private Optional<Template> optional(JsonNode node, String field, Place place) {
        String text = DefinitionCompiler.text(node, field);
        return text == null ? Optional.empty() : templates.parse(text, JsonPointers.child(BASE, field), place);
    }

    private Map<String, Template> templates(JsonNode object, String pointer) {
        Map<String, Template> values = new LinkedHashMap<>();
        if (!object.isObject()) {
            return values;
        }
        object.fields().forEachRemaining(entry -> {
            if (entry.getValue().isTextual()) {
                templates.parse(entry.getValue().asText(), JsonPointers.child(pointer, entry.getKey()), Place.HEADER_AUTH)
                        .ifPresent(template -> values.put(entry.getKey(), template));
            }
        });
        return values;
    }
}
