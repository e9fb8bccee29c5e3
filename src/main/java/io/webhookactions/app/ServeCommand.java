package io.webhookactions.app;

import io.webhookactions.definition.AttributeTypesLoader;
import io.webhookactions.definition.DefinitionError;
import io.webhookactions.definition.DefinitionLoader;
import io.webhookactions.loading.WebhookActionsCamelContext;
import io.webhookactions.secret.SecretStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: Camel Main with every {@code routes/*.webhook.json} loaded through the routes loader,
 * reloading on, and the HTTP API on the embedded server. Refuses to start when any definition is invalid.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the webhook actions service: routes from webhook.routes, HTTP API on camel.server.port.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file (default: ${DEFAULT-VALUE}).")
    Path config = ServiceConfig.DEFAULT_FILE;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Main main;
        try (ServiceConfig properties = ServiceConfig.load(config)) {
            SecretStore demoSecrets = demoEnabled(properties) ? DemoSecrets.ensure(properties, out) : null;
            List<DefinitionError> errors = new ArrayList<>(new DefinitionLoader(properties.placeholders(), properties.secretNames())
                    .loadAll(List.of(properties.routes())).errors());
            errors.addAll(AttributeTypesLoader.load(Path.of(properties.get("webhook.attributes-file", "config/attributes.json"))).errors());
            if (!errors.isEmpty()) {
                errors.forEach(err::println);
                err.println("not starting: " + errors.size() + " error" + (errors.size() == 1 ? "" : "s")
                        + " in webhook action definitions (a deployment never runs with half its actions)");
                err.flush();
                return 1;
            }
            main = prepare(config, properties, demoSecrets);
            out.println("webhook-actions: testing panel and API on http://localhost:" + properties.get("camel.server.port", "8080") + "/");
        }
        out.flush();
        main.run();
        return main.getExitCode();
    }

    static boolean demoEnabled(ServiceConfig properties) {
        return properties.settings().flag("webhook.demo.enabled", false);
    }

    /** A Camel Main configured as {@code serve} runs it, demo included when {@code demoSecrets} is given; not started. */
    static Main prepare(Path config, ServiceConfig properties, SecretStore demoSecrets) {
        Main main = newMain();
        configure(main, config, properties.routes());
        if (demoSecrets != null) {
            main.configure().addRoutesBuilder(new DemoRoutes(demoSecrets, properties.get("demo.client-id", "demo-client")));
        }
        return main;
    }

    /**
     * A Camel Main whose context is a {@link WebhookActionsCamelContext}, which starts thousands of
     * action routes without Camel's quadratic node-id check.
     */
    static Main newMain() {
        return new Main() {
            @Override
            protected CamelContext createCamelContext() {
                WebhookActionsCamelContext context = new WebhookActionsCamelContext(false);
                context.getCamelContextExtension().setRegistry(registry);
                context.getGlobalOptions().put("CamelMainClass", mainClass != null ? mainClass.getName() : getClass().getName());
                return context;
            }
        };
    }

    /** The Camel Main settings of {@code serve}; tests start the same configuration. */
    static void configure(Main main, Path config, Path routes) {
        main.setPropertyPlaceholderLocations("file:" + config + ";optional=true");
        // Messages name this service's configuration file and secrets command, not a host's.
        main.bind("webhookActionsHints", ServiceConfig.HINTS);
        main.addInitialProperty("camel.main.name", "webhook-actions");
        main.addInitialProperty("camel.main.routes-include-pattern", "file:" + routes + "/*.webhook.json");
        main.addInitialProperty("camel.main.routes-reload-enabled", "true");
        main.addInitialProperty("camel.main.routes-reload-directory", routes.toString());
        main.addInitialProperty("camel.main.routes-reload-pattern", "*.webhook.json");
        // A broken edit must leave the last good version running: reload only the changed file.
        main.addInitialProperty("camel.main.routes-reload-remove-all-routes", "false");
        main.addInitialProperty("camel.main.shutdown-timeout", "30");
        // serve has no REST DSL; left on, Camel scans every route for REST routes to inline each time a
        // definition file is added, which is quadratic over thousands of actions.
        main.addInitialProperty("camel.rest.inline-routes", "false");
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.max-body-size", String.valueOf(1024 * 1024));
        // Health and Prometheus metrics on the same server and port as the API: /observe/health, /observe/metrics.
        main.addInitialProperty("camel.management.enabled", "true");
        main.addInitialProperty("camel.management.port", "{{camel.server.port:8080}}");
        main.addInitialProperty("camel.management.health-check-enabled", "true");
        main.addInitialProperty("camel.management.metrics-enabled", "true");
        main.addInitialProperty("camel.metrics.enabled", "true");
        main.configure().addRoutesBuilder(new ApiRoutes());
        main.configure().addRoutesBuilder(new PanelRoutes());
    }
}
