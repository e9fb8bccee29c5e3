package io.webhookactions.template;

import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.definition.DefinitionReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/** Scopes for tests, built from a contexts document as the API receives it. */
final class TestScopes {

    private TestScopes() {
    }

    static AttributeScope of(String contextsJson) {
        return of(contextsJson, AttributeTypes.none(), Map.of());
    }

    static AttributeScope of(String contextsJson, AttributeTypes types, Map<String, String> secrets) {
        try {
            Contexts contexts = Contexts.fromJson(io.webhookactions.support.Json.mapper().readTree(contextsJson));
            SecretSource source = name -> Optional.ofNullable(secrets.get(name));
            return AttributeScope.of(contexts, types, source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code template} rendered with {@code userJson} (an object) as the user context. */
    static String render(String template, String userJson) {
        return Template.parse(template).render(of("{\"user\": " + userJson + "}"));
    }

    /** A scope with one user attribute holding {@code value} as a JSON string. */
    static AttributeScope user(String name, String value) {
        return AttributeScope.of(Contexts.empty().with(io.webhookactions.attribute.Context.USER, name, Values.text(value)),
                AttributeTypes.none(), SecretSource.none());
    }
}
