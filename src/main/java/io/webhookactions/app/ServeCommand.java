package io.webhookactions.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: every {@code routes/*.webhook.json} as a Camel route with reloading on, the HTTP API, the
 * testing panel and health on Camel's embedded server. Refuses to start, with the reason and the fix, when a
 * definition is invalid, the port is taken, or the API would be reachable from other machines without keys.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the webhook actions service: routes from webhook.routes, HTTP API on camel.server.host:port.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file (default: ${DEFAULT-VALUE}).")
    Path config = ServiceConfig.DEFAULT_FILE;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Service service;
        try (ServiceConfig properties = ServiceConfig.load(config)) {
            service = Service.prepare(properties, out);
        } catch (Service.Refused | io.webhookactions.runtime.InvalidSettingException e) {
            err.println(e.getMessage().startsWith("not starting") || e.getMessage().contains("\nnot starting")
                    ? e.getMessage() : "not starting: " + e.getMessage());
            err.flush();
            return 1;
        }
        return service.run();
    }
}
