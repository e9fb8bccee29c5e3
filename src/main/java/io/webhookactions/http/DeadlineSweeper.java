package io.webhookactions.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cancels HTTP calls that pass their deadline. Calls register when they start and leave when they end
 * (a concurrent map, no shared lock on the request path); one scheduled task looks every
 * {@value #TICK_MILLIS} ms for expired ones. A per-call scheduled task would put two lock-protected
 * queue operations on every call.
 */
final class DeadlineSweeper {

    static final long TICK_MILLIS = 20;

    private final Map<Long, Watched> active = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    private record Watched(long deadlineNanos, Runnable onExpiry) {
    }

    DeadlineSweeper(ScheduledExecutorService scheduler) {
        scheduler.scheduleWithFixedDelay(this::sweep, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Watches a call; returns the handle to {@link #release} it with. */
    long watch(long deadlineNanos, Runnable onExpiry) {
        long id = ids.incrementAndGet();
        active.put(id, new Watched(deadlineNanos, onExpiry));
        return id;
    }

    void release(long id) {
        active.remove(id);
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Map.Entry<Long, Watched> entry : active.entrySet()) {
            if (now - entry.getValue().deadlineNanos() >= 0 && active.remove(entry.getKey(), entry.getValue())) {
                try {
                    entry.getValue().onExpiry().run();
                } catch (RuntimeException e) {
                    // cancelling an already closed connection: nothing left to stop
                }
            }
        }
    }
}
