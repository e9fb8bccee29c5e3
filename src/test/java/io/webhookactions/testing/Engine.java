package io.webhookactions.testing;

import io.webhookactions.attribute.Contexts;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.definition.ActionPlan;
import io.webhookactions.definition.DefinitionLoader;
import io.webhookactions.definition.Placeholders;
import io.webhookactions.response.ActionResult;
import io.webhookactions.route.ActionRouteBuilder;
import io.webhookactions.runtime.Settings;
import io.webhookactions.runtime.WebhookActions;
import io.webhookactions.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A real Camel context with webhook actions installed, for tests. Definitions come from files under
 * {@code src/test/resources/definitions} (or JSON text); their {@code {{key}}} placeholders read the
 * properties set with {@link #property}, e.g. {@code {{upstream}}} for a loopback server's base URL.
 */
public final class Engine implements AutoCloseable {

    /** Where test definitions live. */
    public static final Path DEFINITIONS = Path.of("src/test/resources/definitions");

    /**
     * Writes into {@code folder} one copy of the test definition {@code serve/get_user.webhook.json} per name, each
     * renamed: several actions that call the same upstream.
     */
    public static void writeGetUserCopies(Path folder, String... names) throws IOException {
        String definition = Files.readString(DEFINITIONS.resolve("serve/get_user.webhook.json"));
        for (String name : names) {
            Files.writeString(folder.resolve(name + ".webhook.json"), definition.replace("\"get_user\"", "\"" + name + "\""));
        }
    }

    private final CamelContext camel = new DefaultCamelContext();
    private final WebhookActions actions;
    private final Map<String, String> properties = new HashMap<>();

    public Engine() {
        this(Settings.defaults(SecretSource.none()));
    }

    public Engine(Settings settings) {
        actions = WebhookActions.install(camel, settings);
        camel.start();
    }

    /** Defines {@code {{key}}} for the definitions added after this. */
    public Engine property(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** Loads {@code src/test/resources/definitions/NAME.webhook.json} and adds its route. */
    public Engine load(String name) {
        try {
            return add(Files.readString(DEFINITIONS.resolve(name + DefinitionLoader.EXTENSION)), name + DefinitionLoader.EXTENSION);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads a definition given as JSON text and adds its route. */
    public Engine add(String definitionJson) {
        return add(definitionJson, "test.webhook.json");
    }

    private Engine add(String definitionJson, String label) {
        ActionPlan plan = new DefinitionLoader(Placeholders.of(properties::get), null)
                .load(definitionJson.getBytes(StandardCharsets.UTF_8), label, null).orThrow();
        try {
            camel.addRoutes(new ActionRouteBuilder(plan));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public ActionResult execute(String name, String contextsJson) {
        try {
            return actions.execute(name, Contexts.fromJson(Json.mapper().readTree(contextsJson)));
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
