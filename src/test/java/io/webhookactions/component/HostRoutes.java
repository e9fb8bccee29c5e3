package io.webhookactions.component;

import io.webhookactions.testing.Upstream;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * The definitions of {@code src/test/resources/host/routes} and the loopback upstream they call, as a host's tests
 * set them up: {@code {{upstream}}} is the upstream's base URL, {@code {{closed}}} a port nothing listens on.
 */
final class HostRoutes {

    static final Path FOLDER = Path.of("src/test/resources/host/routes");

    private HostRoutes() {
    }

    /** {@code /greet?name=N} answers 200 with a greeting, or 404 for "nobody"; {@code /ping} echoes. */
    static Upstream upstream() throws IOException {
        return new Upstream()
                .on("/greet", (exchange, body) -> {
                    String name = exchange.getRequestURI().getQuery().substring("name=".length());
                    if (name.equals("nobody")) {
                        Upstream.respond(exchange, 404, "application/json", "{\"error\": \"no such user\"}");
                    } else {
                        Upstream.respond(exchange, 200, "application/json", "{\"greeting\": \"hello " + name + "\"}");
                    }
                })
                .on("/ping", Upstream.json(200, "{\"echo\": \"pong\"}"));
    }

    static void properties(CamelContext context, Upstream upstream) {
        context.getPropertiesComponent().addInitialProperty("upstream", upstream.url(""));
        context.getPropertiesComponent().addInitialProperty("closed", "http://127.0.0.1:1");
    }

    /** Loads one definition file through the routes loader, as routes-include-pattern would. */
    static void load(CamelContext context, String name) throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveMandatoryResource(context,
                "file:" + FOLDER.resolve(name + ".webhook.json")));
    }
}
