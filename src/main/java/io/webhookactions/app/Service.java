package io.webhookactions.app;

import io.webhookactions.WebhookActionException;
import io.webhookactions.api.ApiServer;
import io.webhookactions.api.ApiTls;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.definition.AttributeTypesLoader;
import io.webhookactions.definition.DefinitionError;
import io.webhookactions.definition.DefinitionLoader;
import io.webhookactions.demo.DemoRoutes;
import io.webhookactions.demo.DemoSecrets;
import io.webhookactions.history.ExecutionHistory;
import io.webhookactions.history.HistorySettings;
import io.webhookactions.kafka.KafkaRoutes;
import io.webhookactions.kafka.KafkaSettings;
import io.webhookactions.loading.CompiledRoutes;
import io.webhookactions.loading.UsableCertificates;
import io.webhookactions.loading.WebhookActionsCamelContext;
import io.webhookactions.loading.WebhookJsonRoutesLoader;
import io.webhookactions.perimeter.PerimeterSettings;
import io.webhookactions.runtime.WebhookActions;
import io.webhookactions.secret.SecretStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code serve} service, assembled: the checks that refuse a start (invalid definitions, a busy port, an
 * exposed bind without authentication), the demo, Camel Main with every {@code *.webhook.json} route and
 * reloading, and, once Camel's server listens, the HTTP API with its perimeter. The line that gives the
 * panel's address is printed only then, with the address really listened on.
 */
public final class Service {

    private static final Logger LOG = LoggerFactory.getLogger(Service.class);

    private final Main main;
    private final PerimeterSettings perimeter;
    private final PrintWriter out;
    private final HistorySettings history;
    private ApiServer api;
    private ExecutionHistory executions;

    private Service(Main main, PerimeterSettings perimeter, PrintWriter out, HistorySettings history) {
        this.main = main;
        this.perimeter = perimeter;
        this.out = out;
        this.history = history;
    }

    /** Why {@code serve} does not start: the message says what to fix. */
    public static final class Refused extends WebhookActionException {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * Everything up to starting Camel: checks, the demo's secrets, the configured Camel Main.
     *
     * @throws Refused when the service must not start
     */
    public static Service prepare(ServiceConfig properties, PrintWriter out) throws Exception {
        PerimeterSettings perimeter = PerimeterSettings.read(properties.settings());
        if (!perimeter.loopbackOnly() && !perimeter.authApplies()) {
            throw new Refused("camel.server.host is " + perimeter.bindHost() + ", which other machines can reach, and the API has"
                    + " no keys and no OIDC: anyone could run your actions with your secrets. Create a key first (keys create"
                    + " admin --role admin), or set webhook.api.oidc.issuer, or bind to 127.0.0.1");
        }
        requireFreePort(perimeter);
        SecretStore store = properties.secretStore();
        HistorySettings history = HistorySettings.read(properties.settings(), true, store);
        boolean demo = properties.settings().flag("webhook.demo.enabled", false);
        if (demo) {
            DemoSecrets.ensure(properties.masterKeyFile(), store, out);
        }
        DefinitionLoader.Catalog definitions = new DefinitionLoader(properties.placeholders(), properties.secretNames())
                .loadAll(List.of(properties.routes()));
        List<DefinitionError> errors = new ArrayList<>(definitions.errors());
        errors.addAll(UsableCertificates.check(definitions.plans(), properties.secretSource()));
        errors.addAll(AttributeTypesLoader.load(Path.of(properties.get("webhook.attributes-file", "config/attributes.json"))).errors());
        if (!errors.isEmpty()) {
            StringBuilder message = new StringBuilder();
            errors.forEach(error -> message.append(error).append('\n'));
            message.append("not starting: ").append(errors.size()).append(" error").append(errors.size() == 1 ? "" : "s")
                    .append(" in webhook action definitions (a deployment never runs with half its actions)");
            throw new Refused(message.toString());
        }
        // The engine's settings are read when Camel starts; a malformed one is refused here, with its key, instead.
        io.webhookactions.runtime.Settings.read(properties.settings(), SecretSource.none());
        // Likewise the Kafka mode's, so a wrong webhook.kafka.* value refuses the start with its key named.
        KafkaSettings kafka = KafkaSettings.enabled(properties.settings()) ? KafkaSettings.read(properties.settings()) : null;
        boolean sharedKafkaGuard = kafka != null && kafka.sharedGuard(history);
        Main main = newMain();
        configure(main, properties, perimeter);
        // The routes of the plans checked here, without Camel reading and compiling every file a second time.
        main.configure().addRoutesBuilder(new CompiledRoutes(definitions.plans()));
        if (demo) {
            main.configure().addRoutesBuilder(new DemoRoutes(store, properties.get("demo.client-id", "demo-client")));
        }
        if (kafka != null) {
            main.configure().addRoutesBuilder(new KafkaRoutes(kafka, sharedKafkaGuard));
        }
        SSLContextParameters tls = perimeter.tls() ? ApiTls.parameters(store, properties.get("webhook.api.tls.keystore-secret", ""),
                properties.settings().text("webhook.api.tls.password-secret").orElse(null)) : null;
        Service service = new Service(main, perimeter, out, history);
        main.addMainListener(service.new Lifecycle(tls));
        return service;
    }

    /** Starts Camel and returns once the API answers (tests); {@link #run()} is the blocking form. */
    public void start() throws Exception {
        main.start();
        started(main.getCamelContext());
    }

    /** Runs until the process is asked to stop (Ctrl-C); running executions finish first. */
    int run() throws Exception {
        main.run();
        return main.getExitCode();
    }

    /** Lets running executions finish, then stops Camel. */
    public void stop() {
        stopping();
        main.stop();
        stopped();
    }

    /**
     * Starts recording executions before Camel starts any route: a Kafka consumer starts with Camel and may take a
     * request before the API listens, and its execution is recorded too.
     */
    private synchronized void installHistory(CamelContext context) {
        if (executions == null && history.enabled()) {
            executions = ExecutionHistory.install(context, WebhookActions.in(context), history);
        }
    }

    /** Mounts the API once Camel's server listens, then says where. */
    private synchronized void started(CamelContext context) {
        if (api == null) {
            WebhookActions actions = WebhookActions.in(context);
            installHistory(context);
            api = ApiServer.mount(context, actions, perimeter, executions);
            int[] counts = actions.registry().counts();
            int broken = actions.problems().count();
            LOG.info("{} actions loaded (each starts on its first call){}", counts[0],
                    broken == 0 ? "" : "; " + broken + " definition files are broken, see GET /api/problems");
            out.println("webhook-actions: testing panel and API on " + url()
                    + (perimeter.authApplies() ? " (API keys or OIDC tokens required)" : ""));
            out.flush();
        }
    }

    /** Lets the API's running executions finish and closes the API; the history stays open until Camel stopped. */
    private synchronized void stopping() {
        if (api != null) {
            try {
                api.drain(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            api.close();
            api = null;
        }
    }

    /**
     * Closes the history once Camel has stopped every route (the Kafka consumers' last executions included): what is
     * queued is written, then the database closed. Camel already stopped it as a service of its context, after the
     * routes; this only makes sure.
     */
    private synchronized void stopped() {
        if (executions != null) {
            executions.close();
            executions = null;
        }
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** The address of the panel and API. */
    public String url() {
        return (perimeter.tls() ? "https" : "http") + "://" + perimeter.displayHost() + ":" + perimeter.port() + "/";
    }

    /** Mounts the API once Camel's server listens; lets executions finish before Camel stops. */
    private final class Lifecycle extends MainListenerSupport {
        private final SSLContextParameters tls;

        Lifecycle(SSLContextParameters tls) {
            this.tls = tls;
        }

        @Override
        public void afterConfigure(BaseMainSupport main) {
            if (tls != null) {
                // camel.server.use-global-ssl-context-parameters: the server listens with these when it starts.
                main.getCamelContext().setSSLContextParameters(tls);
            }
            // Before Camel starts the routes, the Kafka consumers among them.
            installHistory(main.getCamelContext());
        }

        @Override
        public void afterStart(BaseMainSupport main) {
            started(main.getCamelContext());
        }

        @Override
        public void beforeStop(BaseMainSupport main) {
            stopping();
        }

        @Override
        public void afterStop(BaseMainSupport main) {
            stopped();
        }
    }

    /**
     * Fails when the port is taken: Camel's server would only log the bind failure and keep running without an
     * API (checked here, just before Camel binds it).
     */
    private static void requireFreePort(PerimeterSettings perimeter) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(perimeter.bindHost()), perimeter.port()));
        } catch (IOException e) {
            throw new Refused("port " + perimeter.port() + " on " + perimeter.bindHost() + " is already in use (camel.server.port);"
                    + " stop what listens there or choose another port, e.g. CAMEL_SERVER_PORT=8081");
        }
    }

    /**
     * A Camel Main whose context is a {@link WebhookActionsCamelContext}, which starts thousands of action routes
     * without Camel's quadratic node-id check.
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

    /** The Camel Main settings of {@code serve}. */
    static void configure(Main main, ServiceConfig properties, PerimeterSettings perimeter) {
        Path routes = properties.routes();
        main.setPropertyPlaceholderLocations("file:" + properties.file() + ";optional=true");
        // Messages name this service's configuration file and secrets command, not a host's.
        main.bind("webhookActionsHints", ServiceConfig.HINTS);
        main.addInitialProperty("camel.main.name", "webhook-actions");
        main.addInitialProperty("camel.main.routes-reload-enabled", "true");
        main.addInitialProperty("camel.main.routes-reload-directory", routes.toString());
        main.addInitialProperty("camel.main.routes-reload-pattern", "*.webhook.json");
        // A broken edit must leave the last good version running: reload only the changed file.
        main.addInitialProperty("camel.main.routes-reload-remove-all-routes", "false");
        main.addInitialProperty("camel.main.shutdown-timeout", "30");
        // Camel's route summary would list every action as "Disabled" (an action's route starts on its first call,
        // see WebhookActionsCamelContext), one line per action; started() logs what is loaded instead.
        main.addInitialProperty("camel.main.startup-summary-level", "Oneline");
        // serve has no REST DSL; left on, Camel scans every route for REST routes to inline each time a
        // definition file is added, which is quadratic over thousands of actions.
        main.addInitialProperty("camel.rest.inline-routes", "false");
        // The server listens where the perimeter says, as resolved here (file, environment or system property),
        // so the API, the panel and the printed address always agree. Override properties, because Camel Main
        // applies the file's camel.server.port over an initial property and, for this group, over the environment.
        main.addOverrideProperty("camel.server.enabled", "true");
        main.addOverrideProperty("camel.server.host", perimeter.bindHost());
        main.addOverrideProperty("camel.server.port", String.valueOf(perimeter.port()));
        main.addOverrideProperty("camel.server.max-body-size", String.valueOf(1024 * 1024));
        if (perimeter.tls()) {
            main.addOverrideProperty("camel.server.use-global-ssl-context-parameters", "true");
        }
        // Prometheus metrics on the same server and port as the API: /observe/metrics. The health report is the
        // API's own (/observe/health), which also reports broken definition files.
        main.addOverrideProperty("camel.management.enabled", "true");
        main.addOverrideProperty("camel.management.host", perimeter.bindHost());
        main.addOverrideProperty("camel.management.port", String.valueOf(perimeter.port()));
        main.addInitialProperty("camel.management.health-check-enabled", "true");
        main.addInitialProperty("camel.management.metrics-enabled", "true");
        main.addInitialProperty("camel.metrics.enabled", "true");
        // Per-action metrics are the actions' own (webhook_action_*). Camel's per-route policy would add a service per
        // route, each searched for in a list of all of them (quadratic over thousands of actions), and time every call.
        main.addInitialProperty("camel.metrics.enable-route-policy", "false");
        // Likewise Camel's per-exchange notifier (camel_exchange_* per endpoint): on every call it looks its route up and
        // searches every meter of the registry for one gauge, which at 10 000 actions made each call a millisecond
        // slower. The actions' own timers and counters say the same per action.
        main.addInitialProperty("camel.metrics.enable-exchange-event-notifier", "false");
    }
}
