package io.webhookactions.definition;

import io.webhookactions.attribute.Context;
import io.webhookactions.template.Reference;
import io.webhookactions.template.Template;
import io.webhookactions.template.TemplateSyntaxException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses the template strings of a definition, once, and applies the rules of where each context may be
 * read: {@code secret} only where authentication accepts a secret, {@code _auth} and {@code _webhook} only
 * inside header authentication. {@code {{key}}} placeholders are resolved here; inside authentication their
 * values are protected (shown masked, SPEC §12). Every problem is reported against the JSON pointer of the
 * string; a template with a problem yields nothing.
 */
final class TemplateRules {

    /** Where a template stands, which decides the contexts it may read. */
    enum Place {
        /** url, headers, body: the request as written; no secrets, no built-ins. */
        REQUEST(false),
        /** header-authentication variables and headers: everything. */
        HEADER_AUTH(true),
        /** an authentication field that accepts a secret but not the request built-ins. */
        SECRET_FIELD(true),
        /** an authentication field that must not hold a secret (token URL, client id, scope). */
        PLAIN_AUTH_FIELD(false);

        /** Whether property values resolved here are credentials, shown masked. */
        final boolean protectsProperties;

        Place(boolean protectsProperties) {
            this.protectsProperties = protectsProperties;
        }
    }

    static final Set<String> WEBHOOK_KEYS = Set.of("url", "method", "body", "headers", "content_type", "query_params");

    private final Problems problems;
    private final Placeholders placeholders;
    private final SecretNames secretNames;
    private final Set<String> sensitiveValues = new HashSet<>();

    /** @param secretNames the secrets that exist; null: names are not checked */
    TemplateRules(Problems problems, Placeholders placeholders, SecretNames secretNames) {
        this.problems = problems;
        this.placeholders = placeholders;
        this.secretNames = secretNames;
    }

    /** The parsed template with its placeholders resolved, or empty after reporting why it is not acceptable. */
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
            String value = placeholders.value(key);
            if (value == null) {
                problems.add(pointer, "property placeholder {{" + key + "}} is not defined; set " + key
                        + " in " + placeholders.where());
                ok = false;
            } else if (place.protectsProperties || placeholders.sensitiveKey().test(key)) {
                sensitiveValues.add(value);
            }
        }
        if (!ok) {
            return Optional.empty();
        }
        return Optional.of(template.withPlaceholders(placeholders.values(), place.protectsProperties));
    }

    /** Values of placeholders that must never be shown, collected while parsing. */
    Set<String> sensitiveValues() {
        return sensitiveValues;
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
        if (context == Context.SECRET && secretNames != null && !secretNames.exists().test(reference.name())) {
            problems.add(pointer, "secret \"" + reference.name() + "\" is not in the secret store; "
                    + secretNames.howToAdd().apply(reference.name()));
            return false;
        }
        if (context == Context.WEBHOOK && !WEBHOOK_KEYS.contains(reference.name())) {
            problems.add(pointer, "_webhook has no \"" + reference.name() + "\"; use one of " + String.join(", ", new TreeSet<>(WEBHOOK_KEYS)));
            return false;
        }
        return true;
    }
}
