package io.webhookactions.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.webhookactions.auth.TokenCache;
import io.webhookactions.call.FailureKind;
import io.webhookactions.definition.StatusGroup;
import io.webhookactions.response.ActionResult;
import java.time.Duration;
import org.apache.camel.CamelContext;

/**
 * Per-action metrics in the Micrometer registry Camel exposes on {@code /observe/metrics}:
 * {@code webhook_action_executions_total{action,outcome}}, {@code webhook_action_failures_total{action,reason}}
 * (reason: the status group of an unsuccessful response, or why nothing usable was received),
 * {@code webhook_action_duration_seconds{action}} (a histogram), the OAuth2 token cache's hits and misses, and
 * {@code webhook_actions_loaded} / {@code webhook_actions_started}: the actions calls can run, and how many of their
 * routes run now (an action whose route waits for its first call is loaded, not yet started). Without a registry (a
 * host without Micrometer metrics) nothing is recorded.
 */
public final class ActionMetrics {

    private final CamelContext context;
    private final TokenCache tokens;
    private final ActionRegistry actions;
    private volatile MeterRegistry registry;
    private volatile long nextLookupNanos;

    ActionMetrics(CamelContext context, TokenCache tokens, ActionRegistry actions) {
        this.context = context;
        this.tokens = tokens;
        this.actions = actions;
    }

    /** Registers the gauges as soon as the context has a meter registry, before any execution. */
    public void bind() {
        registry();
    }

    /** Counts one execution; {@link ActionResult#failure()} names why nothing usable was received. */
    public void record(ActionResult result) {
        FailureKind failure = result.failure();
        MeterRegistry meters = registry();
        if (meters == null) {
            return;
        }
        Counter.builder("webhook_action_executions").description("Webhook action executions")
                .tag("action", result.action()).tag("outcome", result.success() ? "success" : "failure")
                .register(meters).increment();
        if (!result.success()) {
            String reason = failure != null ? failure.label()
                    : StatusGroup.ofStatus(result.statusCode()).map(group -> "status_" + group.key()).orElse("status_other");
            Counter.builder("webhook_action_failures").description("Webhook action executions that were not successful, by reason")
                    .tag("action", result.action()).tag("reason", reason).register(meters).increment();
        }
        Timer.builder("webhook_action_duration").description("Webhook action execution time, retries included")
                .tag("action", result.action()).publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5)).register(meters).record(Duration.ofMillis(result.durationMs()));
    }

    private MeterRegistry registry() {
        MeterRegistry meters = registry;
        if (meters == null && System.nanoTime() - nextLookupNanos >= 0) {
            // Without a registry, look again at most once a second rather than on every execution.
            nextLookupNanos = System.nanoTime() + 1_000_000_000L;
            meters = context.getRegistry().findSingleByType(MeterRegistry.class);
            if (meters != null) {
                FunctionCounter.builder("webhook_oauth2_token_cache_hits", tokens, cache -> cache.stats().hitCount())
                        .description("OAuth2 token requests answered from the cache").register(meters);
                FunctionCounter.builder("webhook_oauth2_token_cache_misses", tokens, cache -> cache.stats().missCount())
                        .description("OAuth2 token lookups that needed a token request").register(meters);
                Gauge.builder("webhook_actions_loaded", actions, registry -> registry.counts()[0])
                        .description("Webhook actions loaded: started, or waiting for their first call").register(meters);
                Gauge.builder("webhook_actions_started", actions, registry -> registry.counts()[1])
                        .description("Webhook actions whose route runs now").register(meters);
                registry = meters;
            }
        }
        return meters;
    }
}
