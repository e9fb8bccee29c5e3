package io.webhookactions.route;

import io.webhookactions.call.RenderedRequest;
import io.webhookactions.http.UpstreamCall;

/**
 * The call itself: one attempt of the rendered request on the action's HTTP client (the shared pool, or the
 * action's own for mTLS), bounded by the whole call's deadline and the response size cap. It only talks to
 * the wire; whether to try again is {@link RetryAndReauthenticate}'s business.
 */
final class CallUpstream {

    private final UpstreamCall call;
    private final long timeoutMs;
    private final long maxResponseBytes;

    CallUpstream(UpstreamCall call, long timeoutMs, long maxResponseBytes) {
        this.call = call;
        this.timeoutMs = timeoutMs;
        this.maxResponseBytes = maxResponseBytes;
    }

    UpstreamCall.Attempt send(RenderedRequest request, long deadlineNanos) {
        return call.send(request, deadlineNanos, timeoutMs, maxResponseBytes);
    }

    long timeoutMs() {
        return timeoutMs;
    }
}
