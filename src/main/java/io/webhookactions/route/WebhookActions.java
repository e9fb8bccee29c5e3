package io.webhookactions.route;

import io.webhookactions.attribute.Contexts;
import io.webhookactions.response.ActionResult;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpComponent;

/**
 * Everything the actions of one Camel context share: settings, the registry of loaded actions, the HTTP
 * component, the deadline watchdog. Created on first use from the context's properties and kept in its
 * registry; {@link #execute} and {@link #pipeline} are the in-process API that the HTTP API, the
 * {@code webhook-action} component and the command line all use.
 */
public final class WebhookActions {

    public static final String BEAN = "webhookActions";

    /** How long a call waits for an action whose route is being reloaded. */
    private static final java.time.Duration RELOAD_PATIENCE = java.time.Duration.ofSeconds(2);

    private final CamelContext context;
    private final WebhookActionsSettings settings;
    private final ActionRegistry registry;
    private final HttpComponent http;
    private final ScheduledExecutorService scheduler;
    private final ProducerTemplate producer;
    private final io.webhookactions.auth.TokenCache tokens;
    private final CamelTokenEndpoint tokenEndpoint;
    private final ActionMetrics metrics;

    private WebhookActions(CamelContext context, WebhookActionsSettings settings) {
        WireLogGuard.install();
        this.context = context;
        this.settings = settings;
        this.registry = new ActionRegistry(context);
        this.scheduler = context.getExecutorServiceManager()
                .newScheduledThreadPool(this, "webhook-actions-deadline", 1);
        this.http = WebhookHttp.install(context, settings.hosts(), scheduler);
        this.producer = context.createProducerTemplate();
        this.tokens = new io.webhookactions.auth.TokenCache(settings.refreshMargin());
        this.tokenEndpoint = new CamelTokenEndpoint(context);
        this.metrics = new ActionMetrics(context, tokens);
    }

    ActionMetrics metrics() {
        return metrics;
    }

    /** The OAuth2 tokens of this context's actions. */
    public io.webhookactions.auth.TokenCache tokens() {
        return tokens;
    }

    io.webhookactions.auth.TokenEndpoint tokenEndpoint() {
        return tokenEndpoint;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    HostPolicy hosts() {
        return settings.hosts();
    }

    /** The instance of {@code context}, created from its properties on first use. */
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
        WebhookActions created = new WebhookActions(context, WebhookActionsSettings.from(properties(context)));
        context.getRegistry().bind(BEAN, created);
        return created;
    }

    /** Installs an instance with explicit settings (tests, the serve command); fails if one exists. */
    public static synchronized WebhookActions install(CamelContext context, WebhookActionsSettings settings) {
        if (context.getRegistry().lookupByNameAndType(BEAN, WebhookActions.class) != null) {
            throw new IllegalStateException("webhook actions are already installed in this Camel context");
        }
        WebhookActions created = new WebhookActions(context, settings);
        context.getRegistry().bind(BEAN, created);
        return created;
    }

    /** Camel's property resolution ({@code {{key}}}, {@code env:}, vault functions) as a lookup; null when undefined. */
    public static UnaryOperator<String> properties(CamelContext context) {
        return key -> context.getPropertiesComponent().resolveProperty(key).orElse(null);
    }

    public WebhookActionsSettings settings() {
        return settings;
    }

    public ActionRegistry registry() {
        return registry;
    }

    HttpComponent http() {
        return http;
    }

    /** Idle and leased connections of the shared pool (for leak checks and metrics). */
    public long[] poolStats() {
        return new long[] {WebhookHttp.idleConnections(http), WebhookHttp.leasedConnections(http)};
    }

    /** True when an action of that name is loaded (waiting out a reload in progress). */
    public boolean has(String name) {
        return registry.await(name, RELOAD_PATIENCE).isPresent();
    }

    /**
     * Runs one action. Every outcome, failures included, is a result.
     *
     * @throws NoSuchElementException when no action of that name is loaded
     */
    public ActionResult execute(String name, Contexts contexts) {
        CompiledAction action = registry.await(name, RELOAD_PATIENCE).orElseThrow(() -> new NoSuchElementException(
                "no webhook action named \"" + name + "\""));
        try {
            return producer.requestBody(registry.entry(action), new ExecutionRequest(contexts), ActionResult.class);
        } catch (org.apache.camel.CamelExecutionException e) {
            if (e.getCause() instanceof org.apache.camel.component.direct.DirectConsumerNotAvailableException) {
                // Its route was removed between the look-up and the call (file deleted, route stopped).
                throw new NoSuchElementException("no webhook action named \"" + name + "\" (it was just removed)");
            }
            throw e;
        }
    }

    /**
     * Runs actions in order, each seeing the contexts as the previous ones left them; a failed action
     * does not stop the rest.
     *
     * @throws NoSuchElementException before running anything when a name is unknown
     */
    public List<ActionResult> pipeline(List<String> names, Contexts contexts) {
        for (String name : names) {
            if (registry.await(name, RELOAD_PATIENCE).isEmpty()) {
                throw new NoSuchElementException("no webhook action named \"" + name + "\"");
            }
        }
        List<ActionResult> results = new java.util.ArrayList<>();
        Contexts current = contexts;
        for (String name : names) {
            ActionResult result = execute(name, current);
            results.add(result);
            current = result.contexts();
        }
        return results;
    }
}
