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
 * here (docs/scaling.md says how a shared execution history would extend it). Bounded by a time window and a number of
 * entries; an evicted id executes again. A request reusing a remembered id with other content is refused, not
 * answered with the other request's result.
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
        Entry mine = new Entry(request.json(), new CompletableFuture<>());
        Entry existing = entries.asMap().putIfAbsent(request.id(), mine);
        if (existing != null) {
            if (!existing.request().equals(request.json())) {
                throw new RejectedRequest(request.id(), "id \"" + request.id() + "\" was used by a different request within the"
                        + " last " + window.toSeconds() + " s (webhook.kafka.idempotency-window-seconds); every request needs an id of its own");
            }
            return new Outcome(await(existing.result()), true);
        }
        String result;
        try {
            result = execution.get();
        } catch (RuntimeException | Error e) {
            entries.asMap().remove(request.id(), mine);
            mine.result().completeExceptionally(e);
            throw e;
        }
        mine.result().complete(result);
        return new Outcome(result, false);
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
