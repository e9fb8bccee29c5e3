package io.webhookactions.route;

import io.webhookactions.definition.RetryPolicy;
import io.webhookactions.response.UpstreamResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.hc.client5.http.classic.HttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;

/**
 * Third step: sends the request with the HTTP client of the action's camel-http endpoint (built once,
 * at load, with the shared connection pool or the action's mTLS pool, its timeouts, no redirects, no
 * cookies, and {@link CallGuard} first in the chain). The call goes to that client directly rather than
 * through camel-http's producer: the request is already rendered, so the producer's second exchange and
 * its header mapping in both directions would only cost time (dropping them gave up to 14 % more calls
 * per second; BENCHMARKS.md), and nothing of the caller's message can reach the upstream this way. Retries follow the definition's
 * {@code retry}: exponential backoff with jitter, {@code Retry-After} honoured, all attempts within
 * {@code timeout_ms}; only the final attempt's response is kept.
 */
final class CallUpstream extends ServiceSupport implements Processor {

    /** Exactly {@code application/json}, as SPEC §1 says (HttpClient's constant adds a charset). */
    private static final ContentType JSON = ContentType.create("application/json");

    private final HttpEndpoint endpoint;
    private final io.webhookactions.auth.Authenticator authenticator;
    private final AutoCloseable ownConnections;
    private final RetryPolicy retry;
    private final long timeoutMs;
    private final long maxResponseBytes;
    private HttpClient client;

    /**
     * @param authenticator  asked to renew its credentials (once) when the upstream answers 401
     * @param ownConnections a connection pool only this action uses (mTLS), closed with the route; or null
     */
    CallUpstream(HttpEndpoint endpoint, io.webhookactions.auth.Authenticator authenticator, AutoCloseable ownConnections,
                 RetryPolicy retry, long timeoutMs, long maxResponseBytes) {
        this.endpoint = endpoint;
        this.authenticator = authenticator;
        this.ownConnections = ownConnections;
        this.retry = retry;
        this.timeoutMs = timeoutMs;
        this.maxResponseBytes = maxResponseBytes;
    }

    @Override
    protected void doStart() throws Exception {
        // Fetched once: the endpoint hands its client out under a lock.
        client = endpoint.getHttpClient();
    }

    @Override
    protected void doStop() throws Exception {
        if (ownConnections != null) {
            ownConnections.close();
        }
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Execution execution = Execution.of(exchange);
        long deadline = execution.startNanos + timeoutMs * 1_000_000L;
        boolean renewed = false;
        for (int attempt = 1; ; attempt++) {
            execution.attempts = attempt;
            Outcome outcome = attempt(execution, deadline);
            if (!renewed && outcome.response() != null && outcome.response().status() == 401 && renew(execution)) {
                // A refused token is replaced and the call made once more; this is not a retry attempt.
                renewed = true;
                outcome = attempt(execution, deadline);
            }
            if (attempt >= retry.maxAttempts() || !retryable(outcome)) {
                finish(execution, outcome);
                return;
            }
            long delay = backoffMillis(attempt, outcome);
            if (System.nanoTime() + delay * 1_000_000L >= deadline) {
                finish(execution, outcome);
                return;
            }
            Thread.sleep(delay);
        }
    }

    private boolean renew(Execution execution) {
        try {
            return authenticator.renewAfterUnauthorized(execution);
        } catch (io.webhookactions.auth.AuthenticationException e) {
            throw new ExecutionFailure(FailureKind.AUTHENTICATION, "the upstream refused the OAuth2 token and a new one could not be had: "
                    + e.getMessage(), e);
        }
    }

    private record Outcome(UpstreamResponse response, ExecutionFailure failure, boolean networkFailure) {
    }

    private Outcome attempt(Execution execution, long deadline) {
        CallBudget budget = new CallBudget(deadline, maxResponseBytes);
        budget.arm();
        try {
            BasicClassicHttpRequest request = new BasicClassicHttpRequest(execution.method, execution.uri);
            execution.headers.forEach(request::addHeader);
            if (execution.bodyBytes != null) {
                request.setEntity(new ByteArrayEntity(execution.bodyBytes, JSON));
            }
            return new Outcome(client.execute(request, CallUpstream::response), null, false);
        } catch (Exception e) {
            CallFailures.Classified failure = CallFailures.classify(e, budget, execution.url, timeoutMs);
            return new Outcome(null, new ExecutionFailure(failure.kind(), failure.reason(), e), failure.network());
        } finally {
            budget.disarm();
        }
    }

    private boolean retryable(Outcome outcome) {
        if (outcome.response() != null) {
            return retry.retriesStatus(outcome.response().status());
        }
        return outcome.networkFailure() && retry.onNetworkError();
    }

    private long backoffMillis(int attempt, Outcome outcome) {
        long exponential = retry.backoffMs() << Math.min(attempt - 1, 20);
        long jittered = exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        long retryAfter = outcome.response() == null ? 0 : RetryAfter.millis(outcome.response().header("Retry-After"));
        return Math.max(jittered, retryAfter);
    }

    private static void finish(Execution execution, Outcome outcome) {
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        execution.response = outcome.response();
    }

    /** Status, headers (a repeated header joined with ", " under its first spelling) and the whole body. */
    private static UpstreamResponse response(ClassicHttpResponse response) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            String name = spelling(headers, header.getName());
            headers.merge(name, header.getValue(), (first, next) -> first + ", " + next);
        }
        HttpEntity entity = response.getEntity();
        return new UpstreamResponse(response.getCode(), headers, entity == null ? new byte[0] : EntityUtils.toByteArray(entity));
    }

    private static String spelling(Map<String, String> headers, String name) {
        if (!headers.containsKey(name)) {
            for (String seen : headers.keySet()) {
                if (seen.equalsIgnoreCase(name)) {
                    return seen;
                }
            }
        }
        return name;
    }
}
