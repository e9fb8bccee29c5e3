package io.webhookactions.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import io.webhookactions.testing.Eventually;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** One instance's memory of request ids: a copy of a request is answered, not executed again, within the window. */
class IdempotencyGuardTest {

    private final ManualTicker ticker = new ManualTicker();
    private final IdempotencyGuard guard = new IdempotencyGuard(Duration.ofMinutes(10), 1000, ticker);
    private final AtomicInteger executions = new AtomicInteger();

    private String execute() {
        return "result " + executions.incrementAndGet();
    }

    @Test
    void aCopyWithinTheWindowGetsTheFirstResultWithoutExecuting() {
        RequestRecord request = request("r-1", "a");

        IdempotencyGuard.Outcome first = guard.resultOf(request, this::execute);
        IdempotencyGuard.Outcome copy = guard.resultOf(request("r-1", "a"), this::execute);

        assertThat(first).isEqualTo(new IdempotencyGuard.Outcome("result 1", false));
        assertThat(copy).isEqualTo(new IdempotencyGuard.Outcome("result 1", true));
        assertThat(executions).hasValue(1);
    }

    @Test
    void aCopyArrivingWhileTheFirstRunsWaitsForItsResult() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Threads of their own: the common pool may have a single worker on a 2-core machine.
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<IdempotencyGuard.Outcome> first = CompletableFuture.supplyAsync(() -> guard.resultOf(request("r-2", "a"), () -> {
            running.countDown();
            await(release);
            return execute();
        }), threads);
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicReference<Thread> copyThread = new AtomicReference<>();
        CompletableFuture<IdempotencyGuard.Outcome> copy = CompletableFuture.supplyAsync(() -> {
            copyThread.set(Thread.currentThread());
            return guard.resultOf(request("r-2", "a"), this::execute);
        }, threads);
        Eventually.await(Duration.ofSeconds(10), "the copy waits", () -> copyThread.get() != null
                && copyThread.get().getState() == Thread.State.WAITING);

        release.countDown();

        assertThat(copy.get(10, TimeUnit.SECONDS)).isEqualTo(new IdempotencyGuard.Outcome("result 1", true));
        assertThat(first.get(10, TimeUnit.SECONDS).result()).isEqualTo("result 1");
        assertThat(executions).hasValue(1);
        threads.shutdown();
    }

    @Test
    void afterTheWindowTheSameIdExecutesAgain() {
        guard.resultOf(request("r-3", "a"), this::execute);
        ticker.advance(Duration.ofMinutes(10).plusSeconds(1));

        IdempotencyGuard.Outcome later = guard.resultOf(request("r-3", "a"), this::execute);

        assertThat(later).isEqualTo(new IdempotencyGuard.Outcome("result 2", false));
    }

    @Test
    void anExecutionThatThrowsIsForgottenSoARedeliveryRunsAgain() {
        assertThatThrownBy(() -> guard.resultOf(request("r-4", "a"), () -> {
            throw new IllegalStateException("the context is stopping");
        })).hasMessage("the context is stopping");

        IdempotencyGuard.Outcome retry = guard.resultOf(request("r-4", "a"), this::execute);

        assertThat(retry).isEqualTo(new IdempotencyGuard.Outcome("result 1", false));
    }

    @Test
    void anotherRequestReusingTheIdIsRefusedNotAnsweredWithTheFirstResult() {
        guard.resultOf(request("r-5", "a"), this::execute);

        assertThatThrownBy(() -> guard.resultOf(request("r-5", "b"), this::execute)).isInstanceOf(RejectedRequest.class)
                .hasMessage("id \"r-5\" was used by a different request within the last 600 s"
                        + " (webhook.kafka.idempotency-window-seconds); every request needs an id of its own");
        assertThat(executions).hasValue(1);
    }

    @Test
    void failedAttemptsAreCountedPerIdWithinTheWindow() {
        assertThat(guard.failed("r-6")).isEqualTo(1);
        assertThat(guard.failed("r-6")).isEqualTo(2);
        assertThat(guard.failed("r-7")).isEqualTo(1);
        ticker.advance(Duration.ofMinutes(11));

        assertThat(guard.failed("r-6")).isEqualTo(1);
    }

    @Test
    void theGuardRemembersAtMostItsMaximumOfIds() {
        IdempotencyGuard small = new IdempotencyGuard(Duration.ofMinutes(10), 10, ticker);
        for (int i = 0; i < 100; i++) {
            small.resultOf(request("s-" + i, "a"), this::execute);
        }

        assertThat(small.size()).isLessThanOrEqualTo(10);
    }

    static RequestRecord request(String id, String user) {
        return RequestRecord.parse("{\"id\": \"" + id + "\", \"action\": \"x\", \"context\": {\"user\": {\"u\": \"" + user + "\"}}}", 20);
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Time that moves only when the test says so. */
    private static final class ManualTicker implements Ticker {
        private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

        @Override
        public long read() {
            return nanos.get();
        }

        void advance(Duration duration) {
            nanos.addAndGet(duration.toNanos());
        }
    }
}
