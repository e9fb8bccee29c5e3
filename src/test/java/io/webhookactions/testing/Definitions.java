package io.webhookactions.testing;

import io.webhookactions.definition.ActionPlan;
import io.webhookactions.definition.DefinitionLoader;
import io.webhookactions.definition.Placeholders;
import java.nio.file.Path;
import java.util.Map;

/** Test definitions compiled from their files under {@code src/test/resources/definitions}, without Camel. */
public final class Definitions {

    private Definitions() {
    }

    /** The file of {@code name}: {@code src/test/resources/definitions/NAME.webhook.json}. */
    public static Path file(String name) {
        return Engine.DEFINITIONS.resolve(name + DefinitionLoader.EXTENSION);
    }

    /** The compiled plan of {@code NAME.webhook.json}; its {@code {{key}}} placeholders read {@code properties}. */
    public static ActionPlan plan(String name, Map<String, String> properties) {
        return new DefinitionLoader(Placeholders.of(properties::get), null).load(file(name)).orThrow();
    }

    public static ActionPlan plan(String name) {
        return plan(name, Map.of());
    }
}
