package io.webhookactions.definition;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.template.Reference;
import io.webhookactions.template.Template;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The attributes a test of a definition needs (the testing panel's input fields): every reference in
 * the URL, headers, body and authentication, as {@code context.name}, in order of first appearance.
 * Secrets and the built-in {@code _auth}/{@code _webhook} values are not inputs.
 */
public final class DefinitionInputs {

    private DefinitionInputs() {
    }

    public static List<String> of(WebhookActionDefinition definition) {
        List<String> templates = new ArrayList<>();
        templates.add(definition.url());
        templates.addAll(definition.headers().values());
        collect(definition.body(), templates);
        Authentication auth = definition.authentication();
        if (auth instanceof Authentication.Header header) {
            templates.addAll(header.variables().values());
            templates.addAll(header.headers().values());
        } else if (auth instanceof Authentication.Mtls mtls) {
            templates.add(mtls.certificate());
            if (mtls.password() != null) {
                templates.add(mtls.password());
            }
        } else if (auth instanceof Authentication.OAuth2ClientCredentials oauth) {
            templates.add(oauth.tokenUrl());
            templates.add(oauth.clientId());
            templates.add(oauth.clientSecret());
            if (oauth.scope() != null) {
                templates.add(oauth.scope());
            }
        }
        Set<String> inputs = new LinkedHashSet<>();
        for (String text : templates) {
            for (Reference reference : Template.parse(text).references()) {
                if (reference.context().suppliedByCaller()) {
                    inputs.add(reference.attribute());
                }
            }
        }
        return List.copyOf(inputs);
    }

    private static void collect(JsonNode node, List<String> templates) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            templates.add(node.textValue());
        } else if (node.isContainerNode()) {
            node.forEach(child -> collect(child, templates));
        }
    }
}
