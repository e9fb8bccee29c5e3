package io.webhookactions.route;

import java.util.concurrent.ScheduledFuture;

/**
 * The limits of one HTTP attempt, handed from {@link CallUpstream} to {@link CallGuard} on the calling
 * thread (camel-http runs its producer synchronously in that thread). Records which limit ended the
 * attempt so the failure can be named precisely.
 */
final class CallBudget {

    private static final ThreadLocal<CallBudget> CURRENT = new ThreadLocal<>();

    final long deadlineNanos;
    final long maxResponseBytes;
    volatile boolean timedOut;
    volatile boolean tooLarge;
    private volatile ScheduledFuture<?> watchdog;

    CallBudget(long deadlineNanos, long maxResponseBytes) {
        this.deadlineNanos = deadlineNanos;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** Makes this budget the current one for the HTTP call about to run on this thread. */
    void arm() {
        CURRENT.set(this);
    }

    /** Ends the attempt: no watchdog may fire after this. */
    void disarm() {
        CURRENT.remove();
        ScheduledFuture<?> pending = watchdog;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    void watch(ScheduledFuture<?> future) {
        this.watchdog = future;
    }

    long remainingNanos() {
        return deadlineNanos - System.nanoTime();
    }

    static CallBudget current() {
        return CURRENT.get();
    }
}
