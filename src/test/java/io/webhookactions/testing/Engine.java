package io.webhookactions.testing;

import io.webhookactions.attribute.Contexts;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.definition.DefinitionLoader;
import io.webhookactions.definition.DefinitionReader;
import io.webhookactions.definition.WebhookActionDefinition;
import io.webhookactions.response.ActionResult;
import io.webhookactions.route.ActionRouteBuilder;
import io.webhookactions.route.WebhookActions;
import io.webhookactions.route.WebhookActionsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/** A real Camel context with webhook actions installed, for tests. */
public final class Engine implements AutoCloseable {

    private final CamelContext camel = new DefaultCamelContext();
    private final WebhookActions actions;

    public Engine() {
        this(WebhookActionsSettings.defaults(SecretSource.none()));
    }

    public Engine(WebhookActionsSettings settings) {
        actions = WebhookActions.install(camel, settings);
        camel.start();
    }

    /** Loads a definition given as JSON text and adds its route. */
    public Engine add(String definitionJson) {
        WebhookActionDefinition definition = new DefinitionLoader()
                .load(definitionJson.getBytes(StandardCharsets.UTF_8), "test.webhook.json", null).orThrow();
        try {
            camel.addRoutes(new ActionRouteBuilder(definition));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public ActionResult execute(String name, String contextsJson) {
        try {
            return actions.execute(name, Contexts.fromJson(DefinitionReader.mapper().readTree(contextsJson)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ActionResult execute(String name) {
        return execute(name, "{}");
    }

    public WebhookActions actions() {
        return actions;
    }

    public CamelContext camel() {
        return camel;
    }

    @Override
    public void close() {
        camel.stop();
    }
}
