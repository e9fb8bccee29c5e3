package io.webhookactions.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.classic.ExecRuntime;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;

/**
 * The first step of the HTTP client's execution chain. It checks the response headers together against
 * {@code webhook.max-response-header-bytes} (each line and the count are already bounded by the connection's
 * parser), enforces the whole-call deadline through the
 * {@link DeadlineSweeper}, which cancels the exchange (connect, request, headers and body alike), and caps the response
 * body at {@code webhook.max-response-bytes}: a larger body is cut off and its connection discarded,
 * never drained.
 */
final class CallGuard implements ExecChainHandler {

    static final String NAME = "webhook-actions-call-guard";

    private final DeadlineSweeper sweeper;

    CallGuard(ScheduledExecutorService scheduler) {
        this.sweeper = new DeadlineSweeper(scheduler);
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        CallLimits limits = CallLimits.of(scope.clientContext);
        if (limits == null) {
            return chain.proceed(request, scope);
        }
        long remaining = limits.remainingNanos();
        if (remaining <= 0) {
            limits.timedOut = true;
            throw new InterruptedIOException("no time left for the call");
        }
        ExecRuntime runtime = scope.execRuntime;
        limits.watch(sweeper, sweeper.watch(limits.deadlineNanos, () -> {
            limits.timedOut = true;
            abort(runtime);
        }));
        ClassicHttpResponse response = chain.proceed(request, scope);
        long headerBytes = 0;
        for (org.apache.hc.core5.http.Header header : response.getHeaders()) {
            headerBytes += header.getName().length() + header.getValue().length() + 4;
        }
        if (headerBytes > limits.maxHeaderBytes) {
            abort(runtime);
            throw new HeadersTooLargeException();
        }
        HttpEntity entity = response.getEntity();
        if (entity != null) {
            if (entity.getContentLength() > limits.maxResponseBytes) {
                limits.tooLarge = true;
                abort(runtime);
                throw new ResponseTooLargeException(limits.maxResponseBytes);
            }
            response.setEntity(new LimitedEntity(entity, limits, () -> abort(runtime)));
        }
        return response;
    }

    static void abort(ExecRuntime runtime) {
        if (runtime instanceof Cancellable cancellable) {
            cancellable.cancel();
        } else {
            runtime.discardEndpoint();
        }
    }

    /** The response headers together are larger than allowed; the connection was discarded. */
    static final class HeadersTooLargeException extends IOException {
        HeadersTooLargeException() {
            super("response headers are larger than webhook.max-response-header-bytes");
        }
    }

    /** The body is larger than allowed; the connection was discarded. */
    static final class ResponseTooLargeException extends IOException {
        ResponseTooLargeException(long limit) {
            super("response body is larger than " + limit + " bytes (webhook.max-response-bytes)");
        }
    }
}
