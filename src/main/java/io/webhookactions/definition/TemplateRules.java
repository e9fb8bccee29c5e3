package io.webhookactions.definition;

import io.webhookactions.attribute.Context;
import io.webhookactions.template.Reference;
import io.webhookactions.template.Template;
import io.webhookactions.template.TemplateSyntaxException;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Parses the template strings of a definition and applies the rules of where each context may be read:
 * {@code secret} only where authentication accepts a secret, {@code _auth} and {@code _webhook} only
 * inside authentication. Every problem is reported against the JSON pointer of the string.
 */
final class TemplateRules {

    /** Where a template stands, which decides the contexts it may read. */
    enum Place {
        /** url, headers, body: the request as written; no secrets, no built-ins. */
        REQUEST,
        /** header-authentication variables and headers: everything. */
        HEADER_AUTH,
        /** an authentication field that accepts a secret but not the request built-ins. */
        SECRET_FIELD,
        /** an authentication field that must not hold a secret (token URL, client id, scope). */
        PLAIN_AUTH_FIELD
    }

    static final Set<String> WEBHOOK_KEYS = Set.of("url", "method", "body", "headers", "content_type", "query_params");

    private final Problems problems;
    private final UnaryOperator<String> properties;
    private final java.util.function.Predicate<String> secretExists;

    /**
     * @param properties resolves {@code {{key}}} placeholders (null value = undefined), or null to only
     *                   check their syntax
     */
    TemplateRules(Problems problems, UnaryOperator<String> properties, java.util.function.Predicate<String> secretExists) {
        this.problems = problems;
        this.properties = properties;
        this.secretExists = secretExists;
    }

    /** The parsed template, or empty after reporting why it is not acceptable here. */
    Optional<Template> parse(String text, String pointer, Place place) {
        Template template;
        try {
            template = Template.parse(text);
        } catch (TemplateSyntaxException e) {
            problems.add(pointer, "template error at column " + e.column() + ": " + e.reason());
            return Optional.empty();
        }
        boolean ok = true;
        for (Reference reference : template.references()) {
            ok &= allowed(reference, pointer, place);
        }
        for (String key : template.placeholders()) {
            if (properties != null && properties.apply(key) == null) {
                problems.add(pointer, "property placeholder {{" + key + "}} is not defined; set " + key
                        + " in config/application.properties or the environment");
                ok = false;
            }
        }
        return ok ? Optional.of(template) : Optional.empty();
    }

    /** The template with its {@code {{key}}} placeholders replaced, when they can be resolved. */
    Template resolved(Template template) {
        return properties == null ? template : template.withPlaceholders(key -> {
            String value = properties.apply(key);
            return value == null ? "" : value;
        });
    }

    private boolean allowed(Reference reference, String pointer, Place place) {
        Context context = reference.context();
        if (context == Context.SECRET && (place == Place.REQUEST || place == Place.PLAIN_AUTH_FIELD)) {
            problems.add(pointer, "{" + reference + "} reads a secret, which is only allowed in the authentication block"
                    + (place == Place.REQUEST ? " (e.g. a header authentication header)" : "'s secret fields")
                    + "; move it there");
            return false;
        }
        if ((context == Context.AUTH || context == Context.WEBHOOK) && place != Place.HEADER_AUTH) {
            problems.add(pointer, "{" + reference + "} reads " + context.key()
                    + ", which exists only inside header authentication; move it to authentication.variables or .headers");
            return false;
        }
        if (context == Context.SECRET && secretExists != null && !secretExists.test(reference.name())) {
            problems.add(pointer, "secret \"" + reference.name() + "\" is not in the secret store; add it with: secrets set "
                    + reference.name() + " (or secrets import-cert " + reference.name() + " FILE for a certificate)");
            return false;
        }
        if (context == Context.WEBHOOK && !WEBHOOK_KEYS.contains(reference.name())) {
            problems.add(pointer, "_webhook has no \"" + reference.name() + "\"; use one of "
                    + String.join(", ", new java.util.TreeSet<>(WEBHOOK_KEYS)));
            return false;
        }
        return true;
    }
}
