package io.webhookactions.app;

import io.webhookactions.definition.AttributeTypesLoader;
import io.webhookactions.definition.DefinitionError;
import io.webhookactions.definition.DefinitionLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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
    Path config = ConfigProperties.DEFAULT_FILE;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        ConfigProperties properties = ConfigProperties.load(config);
        Path routes = Path.of(properties.get("webhook.routes", "routes"));
        io.webhookactions.secret.SecretStore secrets = io.webhookactions.secret.SecretStore.open(
                Path.of(properties.get("webhook.secrets-file", "config/secrets.json")),
                Path.of(properties.get("webhook.master-key-file", "config/master.key")));
        List<DefinitionError> errors = new ArrayList<>(new DefinitionLoader(properties, secrets.exists() ? secrets::contains : null)
                .loadAll(List.of(routes)).errors());
        errors.addAll(AttributeTypesLoader.load(Path.of(properties.get("webhook.attributes-file", "config/attributes.json"))).errors());
        if (!errors.isEmpty()) {
            errors.forEach(err::println);
            err.println("not starting: " + errors.size() + " error" + (errors.size() == 1 ? "" : "s")
                    + " in webhook action definitions (a deployment never runs with half its actions)");
            err.flush();
            return 1;
        }
        Main main = new Main();
        configure(main, config, routes);
        main.run();
        return main.getExitCode();
    }

    /** The Camel Main settings of {@code serve}; tests start the same configuration. */
    static void configure(Main main, Path config, Path routes) {
        main.setPropertyPlaceholderLocations("file:" + config + ";optional=true");
        main.addInitialProperty("camel.main.name", "webhook-actions");
        main.addInitialProperty("camel.main.routes-include-pattern", "file:" + routes + "/*.webhook.json");
        main.addInitialProperty("camel.main.routes-reload-enabled", "true");
        main.addInitialProperty("camel.main.routes-reload-directory", routes.toString());
        main.addInitialProperty("camel.main.routes-reload-pattern", "*.webhook.json");
        // A broken edit must leave the last good version running: reload only the changed file.
        main.addInitialProperty("camel.main.routes-reload-remove-all-routes", "false");
        main.addInitialProperty("camel.main.shutdown-timeout", "30");
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.max-body-size", String.valueOf(1024 * 1024));
        main.configure().addRoutesBuilder(new ApiRoutes());
    }
}
