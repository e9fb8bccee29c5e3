package io.webhookactions.loading;

import io.webhookactions.definition.DefinitionLoader;
import io.webhookactions.route.ActionRouteBuilder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.CamelContext;

/** Actions for the context tests: each calls one URL and maps the answer's {@code name} to a user attribute. */
final class ItemActions {

    private ItemActions() {
    }

    /** The definition of action {@code name}, calling {@code url} and mapping {@code name} into {@code output}. */
    static String definition(String name, String url, String output) {
        return "{\"name\": \"" + name + "\", \"url\": \"" + url + "\","
                + " \"response\": {\"2xx\": {\"outputs\": {\"" + output + "\": \"name\"}}}}";
    }

    /** Adds action {@code name} to {@code camel}: it calls {@code url} and maps {@code item_name}. */
    static void add(CamelContext camel, String name, String url) throws Exception {
        camel.addRoutes(new ActionRouteBuilder(new DefinitionLoader()
                .load(definition(name, url, "item_name").getBytes(StandardCharsets.UTF_8), name + ".webhook.json", null).orThrow()));
    }
}
