package io.webhookactions.http;

import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The limits of one HTTP attempt: its deadline, the response body cap and the response header cap. They travel to {@link CallGuard}
 * in HttpClient's own per-call context, and record which limit ended the attempt so the failure can be named
 * precisely.
 */
public final class CallLimits {

    /** The attribute of the HttpClient context that carries the limits of a call. */
    static final String ATTRIBUTE = "io.webhookactions.call-limits";

    final long deadlineNanos;
    final long maxResponseBytes;
    final long maxHeaderBytes;
    volatile boolean timedOut;
    volatile boolean tooLarge;
    private DeadlineSweeper sweeper;
    private long watchId;

    public CallLimits(long deadlineNanos, long maxResponseBytes, long maxHeaderBytes) {
        this.deadlineNanos = deadlineNanos;
        this.maxResponseBytes = maxResponseBytes;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    /** The limits of the call {@code context} belongs to, or null for a call made without any. */
    static CallLimits of(HttpContext context) {
        Object limits = context == null ? null : context.getAttribute(ATTRIBUTE);
        return limits instanceof CallLimits callLimits ? callLimits : null;
    }

    /** Called on the call's thread once the request is under way. */
    void watch(DeadlineSweeper sweeper, long watchId) {
        this.sweeper = sweeper;
        this.watchId = watchId;
    }

    /** Ends the attempt: no watchdog may fire after this. */
    void release() {
        if (sweeper != null) {
            sweeper.release(watchId);
        }
    }

    long remainingNanos() {
        return deadlineNanos - System.nanoTime();
    }
}
