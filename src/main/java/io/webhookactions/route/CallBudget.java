package io.webhookactions.route;

/**
 * The limits of one HTTP attempt, handed from {@link CallUpstream} to {@link CallGuard} on the calling
 * thread (the HTTP client runs the whole call on that thread). Records which limit ended the
 * attempt so the failure can be named precisely.
 */
final class CallBudget {

    private static final ThreadLocal<CallBudget> CURRENT = new ThreadLocal<>();

    final long deadlineNanos;
    final long maxResponseBytes;
    volatile boolean timedOut;
    volatile boolean tooLarge;
    private DeadlineSweeper sweeper;
    private long watchId;

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
        if (sweeper != null) {
            sweeper.release(watchId);
        }
    }

    /** Called on this call's thread once the request is under way. */
    void watch(DeadlineSweeper sweeper, long watchId) {
        this.sweeper = sweeper;
        this.watchId = watchId;
    }

    long remainingNanos() {
        return deadlineNanos - System.nanoTime();
    }

    static CallBudget current() {
        return CURRENT.get();
    }
}
