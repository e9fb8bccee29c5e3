package io.webhookactions.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Keeps one instance from calling the upstream twice for one request id. Kafka delivers a request again when its
 * offset was not committed (a failed result write, a restart of this consumer, a rebalance after a crash elsewhere),
 * and producers may send one twice; within the window this guard answers such a copy with the result it already
 * produced instead of executing again, and a copy arriving while the first still runs waits for that first result.
 *
 * <p>Per instance and in memory only: another instance, or this one after a restart, does not know what was done
 * here; the {@link SharedGuard}, consulted on a miss when the history's database is shared, extends it across
 * instances. Bounded by a time window and a number of entries; an evicted id executes again. A request reusing a
 * remembered id with other content is refused, not answered with the other request's result.
 */
final class IdempotencyGuard {

    /** What the guard gave back: the result record, and whether it was remembered rather than executed now. */
    record Outcome(String result, boolean remembered) {
    }

    private record Entry(JsonNode request, CompletableFuture<String> result) {
    }

    private final Cache<String, Entry> entries;
    /** Executions that threw, by id: after a few a request is refused rather than retried for ever. */
    private final Cache<String, AtomicInteger> failures;
    private final Duration window;

    IdempotencyGuard(Duration window, int maxEntries) {
        this(window, maxEntries, Ticker.systemTicker());
    }

    /** Test seam: the windows read the time from {@code ticker}. */
    IdempotencyGuard(Duration window, int maxEntries, Ticker ticker) {
        this.window = window;
        // Same-thread maintenance: eviction happens on the calling thread, not on the common pool.
        this.entries = Caffeine.newBuilder().ticker(ticker).executor(Runnable::run)
                .maximumSize(maxEntries).expireAfterWrite(window).build();
        this.failures = Caffeine.newBuilder().ticker(ticker).executor(Runnable::run)
                .maximumSize(maxEntries).expireAfterWrite(window).build();
    }

    /**
     * The result of {@code request}: {@code execution}'s, run now, or the one remembered for its id.
     *
     * @throws RejectedRequest when the id was used by a different request within the window
     * @throws RuntimeException what {@code execution} threw (the id is then forgotten, so a redelivery runs again)
     */
    Outcome resultOf(RequestRecord request, Supplier<String> execution) {
        return answer(request, () -> new Outcome(execution.get(), false));
    }

    /**
     * As {@link #resultOf}, for an {@code execution} that may itself answer with a remembered result (the
     * {@link SharedGuard}'s): its outcome is returned as it is, and its result remembered here.
     */
    Outcome answer(RequestRecord request, Supplier<Outcome> execution) {
        Entry mine = new Entry(request.json(), new CompletableFuture<>());
        Entry existing = entries.asMap().putIfAbsent(request.id(), mine);
        if (existing != null) {
            if (!existing.request().equals(request.json())) {
                throw reused(request.id(), window);
            }
            return new Outcome(await(existing.result()), true);
        }
        Outcome outcome;
        try {
            outcome = execution.get();
        } catch (RuntimeException | Error e) {
            entries.asMap().remove(request.id(), mine);
            mine.result().completeExceptionally(e);
            throw e;
        }
        mine.result().complete(outcome.result());
        return outcome;
    }

    /** The refusal of a request reusing {@code id}, already used by a different request within {@code window}. */
    static RejectedRequest reused(String id, Duration window) {
        return new RejectedRequest(id, "id \"" + id + "\" was used by a different request within the last " + window.toSeconds()
                + " s (webhook.kafka.idempotency-window-seconds); every request needs an id of its own");
    }

    /** Counts a failed attempt at {@code id}; returns how many there were within the window. */
    int failed(String id) {
        return failures.get(id, any -> new AtomicInteger()).incrementAndGet();
    }

    /** How many ids are remembered now (after pending evictions). */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    private static String await(CompletableFuture<String> result) {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
