package io.webhookactions.route;

import io.webhookactions.definition.RetryPolicy;
import io.webhookactions.response.UpstreamResponse;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Third step: sends the request through the action's camel-http endpoint (built once, at load; the
 * rendered URL travels per exchange in {@code CamelHttpUri}). Each attempt runs on a fresh exchange that
 * carries only the rendered request, so nothing of the caller's message reaches the upstream. Retries
 * follow the definition's {@code retry}: exponential backoff with jitter, {@code Retry-After} honoured,
 * all attempts within {@code timeout_ms}; only the final attempt's response is kept.
 */
final class CallUpstream extends ServiceSupport implements Processor {

    private final Endpoint endpoint;
    private final io.webhookactions.auth.Authenticator authenticator;
    private final AutoCloseable ownConnections;
    private final RetryPolicy retry;
    private final long timeoutMs;
    private final long maxResponseBytes;
    private Producer producer;

    /**
     * @param authenticator  asked to renew its credentials (once) when the upstream answers 401
     * @param ownConnections a connection pool only this action uses (mTLS), closed with the route; or null
     */
    CallUpstream(Endpoint endpoint, io.webhookactions.auth.Authenticator authenticator, AutoCloseable ownConnections,
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
        producer = endpoint.createProducer();
        ServiceHelper.startService(producer);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(producer);
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
            Outcome outcome = attempt(exchange, execution, deadline);
            if (!renewed && outcome.response() != null && outcome.response().status() == 401 && renew(execution)) {
                // A refused token is replaced and the call made once more; this is not a retry attempt.
                renewed = true;
                outcome = attempt(exchange, execution, deadline);
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

    private Outcome attempt(Exchange exchange, Execution execution, long deadline) {
        Exchange call = new DefaultExchange(exchange.getContext());
        Message request = call.getIn();
        // camel-http's own enum: a String here costs a type-converter search on every call.
        request.setHeader(Exchange.HTTP_METHOD, org.apache.camel.component.http.HttpMethods.valueOf(execution.method));
        request.setHeader(Exchange.HTTP_URI, execution.url);
        execution.headers.forEach(request::setHeader);
        if (execution.bodyBytes != null) {
            request.setHeader(Exchange.CONTENT_TYPE, "application/json");
            request.setBody(execution.bodyBytes);
        }
        CallBudget budget = new CallBudget(deadline, maxResponseBytes);
        budget.arm();
        try {
            producer.process(call);
            if (call.getException() != null) {
                throw call.getException();
            }
            return new Outcome(response(call.getMessage()), null, false);
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

    private static UpstreamResponse response(Message message) throws Exception {
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Object> header : message.getHeaders().entrySet()) {
            String name = header.getKey();
            if (name.startsWith("Camel") || name.startsWith("camel") || header.getValue() == null) {
                continue;
            }
            Object value = header.getValue();
            headers.put(name, value instanceof Iterable<?> values ? String.join(", ",
                    java.util.stream.StreamSupport.stream(values.spliterator(), false).map(String::valueOf).toList())
                    : String.valueOf(value));
        }
        Object body = message.getBody();
        byte[] bytes;
        if (body == null) {
            bytes = new byte[0];
        } else if (body instanceof byte[] array) {
            bytes = array;
        } else if (body instanceof InputStream stream) {
            try (stream) {
                bytes = stream.readAllBytes();
            }
        } else {
            bytes = message.getBody(byte[].class);
        }
        return new UpstreamResponse(status, headers, bytes);
    }
}
