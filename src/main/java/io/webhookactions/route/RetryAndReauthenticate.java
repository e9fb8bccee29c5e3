package io.webhookactions.route;

import io.webhookactions.auth.AuthenticationException;
import io.webhookactions.auth.Authenticator;
import io.webhookactions.call.CallFailure;
import io.webhookactions.call.FailureKind;
import io.webhookactions.call.RenderedRequest;
import io.webhookactions.definition.RetryPolicy;
import io.webhookactions.http.RetryAfter;
import io.webhookactions.http.UpstreamCall.Attempt;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Third step: makes the call, and makes it again when the definition's {@code retry} says so (exponential
 * backoff with jitter, {@code Retry-After} honoured, every attempt within {@code timeout_ms}), or once when
 * the upstream refused fresh credentials with 401 and the authentication could renew them (an OAuth2
 * token). Only the final attempt's response is kept.
 */
final class RetryAndReauthenticate extends ServiceSupport implements Processor {

    private final CallUpstream call;
    private final RetryPolicy retry;
    private final Authenticator authenticator;
    private final AutoCloseable ownConnections;

    /** @param ownConnections a connection pool only this action uses (mTLS), closed with the route; or null */
    RetryAndReauthenticate(CallUpstream call, RetryPolicy retry, Authenticator authenticator, AutoCloseable ownConnections) {
        this.call = call;
        this.retry = retry;
        this.authenticator = authenticator;
        this.ownConnections = ownConnections;
    }

    @Override
    protected void doStop() throws Exception {
        if (ownConnections != null) {
            ownConnections.close();
        }
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Execution.Started execution = Execution.started(exchange);
        RenderedRequest request = Execution.request(exchange);
        long deadline = execution.startNanos() + call.timeoutMs() * 1_000_000L;
        boolean renewed = false;
        for (int attempt = 1; ; attempt++) {
            Attempt outcome = call.send(request, deadline);
            if (!renewed && outcome.response() != null && outcome.response().status() == 401) {
                Optional<RenderedRequest> again = renew(request, execution);
                if (again.isPresent()) {
                    // A refused token is replaced and the call made once more; this is not a retry attempt.
                    renewed = true;
                    request = again.get();
                    Execution.request(exchange, request);
                    outcome = call.send(request, deadline);
                    if (outcome.response() != null && outcome.response().status() == 401) {
                        authenticator.refusedAfterRenewal(request, execution.scope());
                    }
                }
            }
            if (attempt >= retry.maxAttempts() || !retryable(outcome)) {
                finish(exchange, outcome, attempt);
                return;
            }
            long delay = backoffMillis(attempt, outcome);
            if (System.nanoTime() + delay * 1_000_000L >= deadline) {
                finish(exchange, outcome, attempt);
                return;
            }
            Thread.sleep(delay);
        }
    }

    private Optional<RenderedRequest> renew(RenderedRequest sent, Execution.Started execution) {
        try {
            return authenticator.renewAfterUnauthorized(sent, execution.scope());
        } catch (AuthenticationException e) {
            throw CallFailure.during(FailureKind.AUTHENTICATION, "the upstream refused the OAuth2 token and a new one could"
                    + " not be had: " + e.getMessage(), e);
        }
    }

    private boolean retryable(Attempt outcome) {
        if (outcome.response() != null) {
            return retry.retriesStatus(outcome.response().status());
        }
        return outcome.networkFailure() && retry.onNetworkError();
    }

    private long backoffMillis(int attempt, Attempt outcome) {
        long exponential = retry.backoffMs() << Math.min(attempt - 1, 20);
        long jittered = exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        long retryAfter = outcome.response() == null ? 0 : RetryAfter.millis(outcome.response().header("Retry-After"));
        return Math.max(jittered, retryAfter);
    }

    private static void finish(Exchange exchange, Attempt outcome, int attempts) {
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        Execution.outcome(exchange, new Execution.Outcome(outcome.response(), attempts));
    }
}
