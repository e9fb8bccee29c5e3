package io.webhookactions.runtime;

import io.webhookactions.attribute.Contexts;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.auth.TokenCache;
import io.webhookactions.definition.ActionPlan;
import io.webhookactions.definition.Placeholders;
import io.webhookactions.definition.SecretNames;
import io.webhookactions.http.TokenRequests;
import io.webhookactions.http.WebhookHttp;
import io.webhookactions.response.ActionResult;
import io.webhookactions.secret.SecretChain;
import io.webhookactions.secret.SecretStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.LockSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.component.direct.DirectConsumerNotAvailableException;
import org.apache.camel.util.SensitiveUtils;

/**
 * Everything the actions of one Camel context share: settings, the registry of loaded actions, the HTTP
 * clients, the token cache, the deadline watchdog, metrics. Created on first use from the context's
 * properties and kept in its registry; {@link #execute} and {@link #pipeline} are the in-process API that
 * the HTTP API, the {@code webhook-action} component and the command line all use.
 */
public final class WebhookActions {

    public static final String BEAN = "webhookActions";

    /** How long a call waits for an action whose route is being reloaded. */
    private static final Duration RELOAD_PATIENCE = Duration.ofSeconds(2);

    private final CamelContext context;
    private final Settings settings;
    private final Hints hints;
    private final ActionRegistry registry;
    private final DefinitionProblems problems = new DefinitionProblems();
    private final WebhookHttp http;
    private final ScheduledExecutorService scheduler;
    private final TokenCache tokens;
    private final TokenRequests tokenEndpoint;
    private final ActionMetrics metrics;
    private final java.util.List<ExecutionListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * How messages tell a user to fix what is missing where this runs: the service names its configuration
     * file and its {@code secrets} command, a host names its own properties and secret source.
     *
     * @param propertiesWhere where a property is set
     * @param secrets         how a missing secret is added
     */
    public record Hints(String propertiesWhere, java.util.function.UnaryOperator<String> secrets) {

        /** Inside a Camel host: its properties, its secret source. */
        public static final Hints HOST = new Hints(Placeholders.IN_A_HOST,
                name -> "supply it from the host's SecretSource (a bean in the registry) or as the property webhook.secret." + name);
    }

    private WebhookActions(CamelContext context, Settings settings, Hints hints) {
        this.context = context;
        this.settings = settings;
        this.hints = hints;
        this.registry = new ActionRegistry(context);
        this.scheduler = context.getExecutorServiceManager().newScheduledThreadPool(this, "webhook-actions-deadline", 1);
        this.http = WebhookHttp.install(context, settings.hosts(), scheduler, settings.maxResponseHeaderBytes());
        this.tokens = new TokenCache(settings.refreshMargin());
        this.tokenEndpoint = new TokenRequests(http.shared(), settings.hosts());
        this.metrics = new ActionMetrics(context, tokens, registry);
    }

    /**
     * The instance of {@code context}, created from its properties on first use; a {@link SecretSource} and a
     * {@link Hints} bean in the registry are used when present.
     */
    public static WebhookActions in(CamelContext context) {
        // Called per API request and per component call: only creation takes the lock.
        WebhookActions existing = context.getRegistry().lookupByNameAndType(BEAN, WebhookActions.class);
        return existing != null ? existing : create(context);
    }

    private static synchronized WebhookActions create(CamelContext context) {
        WebhookActions existing = context.getRegistry().lookupByNameAndType(BEAN, WebhookActions.class);
        if (existing != null) {
            return existing;
        }
        SecretSource secrets = context.getRegistry().findSingleByType(SecretSource.class);
        Hints hints = context.getRegistry().findSingleByType(Hints.class);
        WebhookActions created = new WebhookActions(context, Settings.read(settingsOf(context), secrets),
                hints != null ? hints : Hints.HOST);
        context.getRegistry().bind(BEAN, created);
        // Off unless webhook.history.enabled=true (the service turns it on itself, SPEC §13).
        io.webhookactions.history.HostHistory.enableIfAsked(context, created);
        return created;
    }

    /** Installs an instance with explicit settings (tests, the commands); fails if one exists. */
    public static synchronized WebhookActions install(CamelContext context, Settings settings, Hints hints) {
        if (context.getRegistry().lookupByNameAndType(BEAN, WebhookActions.class) != null) {
            throw new IllegalStateException("webhook actions are already installed in this Camel context");
        }
        WebhookActions created = new WebhookActions(context, settings, hints);
        context.getRegistry().bind(BEAN, created);
        return created;
    }

    public static WebhookActions install(CamelContext context, Settings settings) {
        return install(context, settings, Hints.HOST);
    }

    /** Camel's property resolution ({@code {{key}}}, {@code env:}, vault functions) as typed settings. */
    public static SettingsReader settingsOf(CamelContext context) {
        return new SettingsReader(key -> context.getPropertiesComponent().resolveProperty(key));
    }

    /** How definitions loaded into this context resolve {@code {{key}}}: Camel's property resolution. */
    public Placeholders placeholders() {
        return new Placeholders(key -> context.getPropertiesComponent().resolveProperty(key).orElse(null),
                SensitiveUtils::containsSensitive, hints.propertiesWhere());
    }

    /**
     * The secret names a definition may use: once the store exists, checked against every source the store is
     * part of (a property {@code webhook.secret.NAME} counts too); else, or with a host's own source, not at all.
     */
    public SecretNames secretNames() {
        SecretSource secrets = settings.secrets();
        SecretStore store = secrets instanceof SecretStore own ? own
                : secrets instanceof SecretChain chain ? chain.store().orElse(null) : null;
        return store != null && store.exists() ? new SecretNames(secrets::has, hints.secrets()) : null;
    }

    public Settings settings() {
        return settings;
    }

    public ActionRegistry registry() {
        return registry;
    }

    /** The definition files that are broken now (their last good version, if any, keeps running). */
    public DefinitionProblems problems() {
        return problems;
    }

    public WebhookHttp http() {
        return http;
    }

    public ActionMetrics metrics() {
        return metrics;
    }

    /** Adds a listener told about every finished execution (the history, for one). */
    public void addListener(ExecutionListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ExecutionListener listener) {
        listeners.remove(listener);
    }

    /** Tells every listener about a finished execution; a failing listener never fails the execution. */
    public void executed(ExecutionInput input, java.time.Instant startedAt, ActionResult result) {
        for (ExecutionListener listener : listeners) {
            try {
                listener.executed(input, startedAt, result);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(WebhookActions.class).warn("execution listener {} failed: {}",
                        listener.getClass().getName(), e.toString());
            }
        }
    }

    /** The OAuth2 tokens of this context's actions. */
    public TokenCache tokens() {
        return tokens;
    }

    public TokenRequests tokenEndpoint() {
        return tokenEndpoint;
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** Idle and leased connections of the shared pool (for leak checks and metrics). */
    public long[] poolStats() {
        return http.poolStats();
    }

    /**
     * The action of that name, waiting out a reload in progress; empty when none is loaded. An action whose route
     * waits for its first call counts as loaded (nothing is started here).
     */
    public Optional<ActionPlan> find(String name) {
        return registry.await(name, RELOAD_PATIENCE);
    }

    /**
     * Runs one action; its route is started first when it waits for its first call. Every outcome, failures
     * included, is a result.
     *
     * @throws UnknownActionException when no action of that name is loaded
     */
    public ActionResult execute(String name, ExecutionInput input) {
        long deadline = System.nanoTime() + RELOAD_PATIENCE.toNanos();
        while (true) {
            ActionRoute route = registry.ready(name, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))
                    .orElseThrow(() -> new UnknownActionException(name));
            Exchange exchange = route.call(input);
            Exception failure = exchange == null ? null : exchange.getException();
            if (exchange == null || failure instanceof DirectConsumerNotAvailableException) {
                // Its route stopped between the look-up and the call (a reload swaps it, or it is being removed):
                // nothing ran. Look again, within the same patience.
                if (System.nanoTime() > deadline) {
                    throw new UnknownActionException(name);
                }
                LockSupport.parkNanos(1_000_000);
                continue;
            }
            if (failure != null) {
                throw CamelExecutionException.wrapCamelExecutionException(exchange, failure);
            }
            return exchange.getMessage().getBody(ActionResult.class);
        }
    }

    /** Runs one action for an in-process caller (tests, tools). */
    public ActionResult execute(String name, Contexts contexts) {
        return execute(name, ExecutionInput.of(contexts, "component"));
    }

    /**
     * Runs actions in order, each seeing the contexts as the previous ones left them; a failed action does
     * not stop the rest.
     *
     * @throws UnknownActionException before running anything when a name is unknown
     */
    public List<ActionResult> pipeline(List<String> names, ExecutionInput input) {
        for (String name : names) {
            if (find(name).isEmpty()) {
                throw new UnknownActionException(name);
            }
        }
        List<ActionResult> results = new ArrayList<>();
        Contexts current = input.contexts();
        for (String name : names) {
            ActionResult result = execute(name, new ExecutionInput(current, input.source(), input.caller()));
            results.add(result);
            current = result.contexts();
        }
        return results;
    }
}
