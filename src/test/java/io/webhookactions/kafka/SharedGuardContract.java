package io.webhookactions.kafka;

import static io.webhookactions.kafka.IdempotencyGuardTest.await;
import static io.webhookactions.kafka.IdempotencyGuardTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.webhookactions.history.ExecutionHistory;
import io.webhookactions.history.HistorySettings;
import io.webhookactions.testing.CapturedLogs;
import io.webhookactions.testing.Eventually;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The idempotency guard shared by instances, on a real database with the history's schema (migrations V1 and V2): two
 * or three guards with instance names of their own stand for instances of one deployment. One suite, run against the
 * embedded H2 file ({@link H2SharedGuardTest}) and a real PostgreSQL server ({@link PostgresSharedGuardTest}). A guard
 * that waits wrongly would wait for ever: the time limit (which interrupts the wait) turns that into a failure.
 */
@Timeout(30)
abstract class SharedGuardContract {

    static final Duration WINDOW = Duration.ofMinutes(10);
    static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(60);
    static final String GROUP = "group-shared";

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T12:00:00Z"));
    final AtomicInteger executions = new AtomicInteger();
    ExecutionHistory history;
    private ExecutorService threads;

    /** A fresh, empty database of the kind under test. */
    abstract HistorySettings settings();

    /** Takes the database away for real (a closed pool, a stopped server). */
    abstract void takeTheDatabaseAway();

    @BeforeEach
    void open() {
        history = ExecutionHistory.open(settings(), Duration.ofHours(1), Clock.systemUTC());
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        history.close();
    }

    SharedGuard instance(String name) {
        return new SharedGuard(claims(GROUP), name, WINDOW, CLAIM_TIMEOUT, Duration.ofMillis(20), clock);
    }

    RequestClaims claims(String group) {
        return new RequestClaims(history.connections(), group);
    }

    String execute(String by) {
        return "{\"id\": \"result " + executions.incrementAndGet() + "\", \"by\": \"" + by + "\"}";
    }

    @Test
    void theClaimantStoresItsResultAndAnotherInstanceAnswersWithItWithoutExecuting() throws Exception {
        SharedGuard a = instance("a");
        SharedGuard b = instance("b");

        IdempotencyGuard.Outcome first = a.resultOf(request("r-1", "x"), () -> execute("a"));
        IdempotencyGuard.Outcome redelivered = b.resultOf(request("r-1", "x"), () -> execute("b"));

        assertThat(first).isEqualTo(new IdempotencyGuard.Outcome("{\"id\": \"result 1\", \"by\": \"a\"}", false));
        assertThat(redelivered).isEqualTo(new IdempotencyGuard.Outcome(first.result(), true));
        assertThat(executions).hasValue(1);
        RequestClaims.Claim row = claims(GROUP).find("r-1").orElseThrow();
        assertThat(row.claimedBy()).isEqualTo("a");
        assertThat(row.result()).isEqualTo(first.result());
        assertThat(row.fingerprint()).isEqualTo(request("r-1", "x").fingerprint()).hasSize(64);
    }

    @Test
    void theFingerprintIgnoresTheOrderOfFieldsSoACopyWrittenDifferentlyIsStillACopy() {
        instance("a").resultOf(request("r-2", "x"), () -> execute("a"));
        RequestRecord reordered = RequestRecord.parse("{\"context\": {\"user\": {\"u\": \"x\"}}, \"action\": \"x\", \"id\": \"r-2\"}", 20);

        assertThat(instance("b").resultOf(reordered, () -> execute("b")).remembered()).isTrue();
        assertThat(executions).hasValue(1);
    }

    @Test
    void aDifferentRequestReusingAStoredIdIsRefusedOnAnotherInstance() {
        instance("a").resultOf(request("r-3", "x"), () -> execute("a"));

        assertThatThrownBy(() -> instance("b").resultOf(request("r-3", "other"), () -> execute("b")))
                .isInstanceOf(RejectedRequest.class)
                .hasMessage("id \"r-3\" was used by a different request within the last 600 s"
                        + " (webhook.kafka.idempotency-window-seconds); every request needs an id of its own");
        assertThat(executions).hasValue(1);
    }

    @Test
    void aCopyOnAnotherInstanceWaitsWhileTheClaimantRunsThenGetsItsResult() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<IdempotencyGuard.Outcome> first = threads.submit(() -> instance("a").resultOf(request("r-4", "x"), () -> {
            running.countDown();
            await(release);
            return execute("a");
        }));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicReference<Thread> waiter = new AtomicReference<>();
        Future<IdempotencyGuard.Outcome> copy = threads.submit(() -> {
            waiter.set(Thread.currentThread());
            return instance("b").resultOf(request("r-4", "x"), () -> execute("b"));
        });
        Eventually.await(Duration.ofSeconds(10), "the copy polls the claim", () -> waiter.get() != null
                && waiter.get().getState() == Thread.State.TIMED_WAITING);
        assertThat(copy.isDone()).isFalse();

        release.countDown();

        assertThat(copy.get(10, TimeUnit.SECONDS)).isEqualTo(new IdempotencyGuard.Outcome(first.get(10, TimeUnit.SECONDS).result(), true));
        assertThat(executions).hasValue(1);
    }

    @Test
    void anExpiredClaimIsTakenOverByExactlyOneOfTwoConcurrentTakers() throws Exception {
        for (int i = 0; i < 10; i++) {
            String id = "r-5-" + i;
            // An instance that claimed the request and died before storing a result.
            assertThat(claims(GROUP).claim(id, request(id, "x").fingerprint(), "dead", clock.instant())).isTrue();
            clock.advance(CLAIM_TIMEOUT.plusSeconds(1));
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<IdempotencyGuard.Outcome>> takers = new ArrayList<>();
            for (String name : List.of("b", "c")) {
                takers.add(threads.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return instance(name).resultOf(request(id, "x"), () -> execute(name));
                }));
            }

            IdempotencyGuard.Outcome one = takers.get(0).get(10, TimeUnit.SECONDS);
            IdempotencyGuard.Outcome other = takers.get(1).get(10, TimeUnit.SECONDS);

            assertThat(executions).as("executions after " + (i + 1) + " expired claims").hasValue(i + 1);
            assertThat(one.result()).isEqualTo(other.result());
            assertThat(List.of(one.remembered(), other.remembered())).containsExactlyInAnyOrder(true, false);
        }
    }

    @Test
    void ofTwoConcurrentTakeOversOfOneClaimExactlyOneChangesTheRow() throws Exception {
        for (int i = 0; i < 20; i++) {
            String id = "r-6-" + i;
            String fingerprint = request(id, "x").fingerprint();
            claims(GROUP).claim(id, fingerprint, "dead", clock.instant());
            RequestClaims.Claim seen = claims(GROUP).find(id).orElseThrow();
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<Boolean>> takers = new ArrayList<>();
            for (String name : List.of("b", "c")) {
                Callable<Boolean> takeOver = () -> {
                    together.await(10, TimeUnit.SECONDS);
                    return claims(GROUP).takeOver(id, seen, fingerprint, name, clock.instant().plusSeconds(61));
                };
                takers.add(threads.submit(takeOver));
            }

            assertThat(List.of(takers.get(0).get(10, TimeUnit.SECONDS), takers.get(1).get(10, TimeUnit.SECONDS)))
                    .as("take-overs of " + id).containsExactlyInAnyOrder(true, false);
        }
    }

    /** A slow claimant stores its result just after another instance saw its claim expire: the take-over loses. */
    @Test
    void aTakeOverOfAClaimSeenWithoutResultLosesToTheResultStoredMeanwhile() throws Exception {
        String fingerprint = request("r-11", "x").fingerprint();
        Instant claimedAt = clock.instant();
        claims(GROUP).claim("r-11", fingerprint, "slow", claimedAt);
        RequestClaims.Claim seen = claims(GROUP).find("r-11").orElseThrow();
        assertThat(claims(GROUP).complete("r-11", "slow", claimedAt, "{\"id\": \"r-11\", \"from\": \"slow\"}")).isTrue();

        boolean taken = claims(GROUP).takeOver("r-11", seen, fingerprint, "b", claimedAt.plusSeconds(61));

        assertThat(taken).isFalse();
        RequestClaims.Claim row = claims(GROUP).find("r-11").orElseThrow();
        assertThat(row.claimedBy()).isEqualTo("slow");
        assertThat(row.result()).isEqualTo("{\"id\": \"r-11\", \"from\": \"slow\"}");
    }

    @Test
    void aClaimNotYetExpiredIsWaitedForAndTakenOverOnceItExpires() throws Exception {
        claims(GROUP).claim("r-7", request("r-7", "x").fingerprint(), "dead", clock.instant());
        AtomicReference<Thread> waiter = new AtomicReference<>();
        Future<IdempotencyGuard.Outcome> copy = threads.submit(() -> {
            waiter.set(Thread.currentThread());
            return instance("b").resultOf(request("r-7", "x"), () -> execute("b"));
        });
        Eventually.await(Duration.ofSeconds(10), "the copy polls the claim", () -> waiter.get() != null
                && waiter.get().getState() == Thread.State.TIMED_WAITING);
        assertThat(executions).hasValue(0);

        clock.advance(CLAIM_TIMEOUT.plusSeconds(1));

        assertThat(copy.get(10, TimeUnit.SECONDS)).isEqualTo(new IdempotencyGuard.Outcome("{\"id\": \"result 1\", \"by\": \"b\"}", false));
        assertThat(claims(GROUP).find("r-7").orElseThrow().claimedBy()).isEqualTo("b");
    }

    @Test
    void anExecutionThatThrowsReleasesItsClaimSoTheRedeliveryRunsAtOnceElsewhere() {
        assertThatThrownBy(() -> instance("a").resultOf(request("r-8", "x"), () -> {
            throw new IllegalStateException("the context is stopping");
        })).hasMessage("the context is stopping");

        IdempotencyGuard.Outcome retry = instance("b").resultOf(request("r-8", "x"), () -> execute("b"));

        assertThat(retry).isEqualTo(new IdempotencyGuard.Outcome("{\"id\": \"result 1\", \"by\": \"b\"}", false));
    }

    @Test
    void afterTheWindowARowCountsAsNoneAndTheCleanupDeletesIt() throws Exception {
        SharedGuard a = instance("a");
        a.resultOf(request("r-9", "x"), () -> execute("a"));
        new RequestClaims(history.connections(), "another-group").claim("r-9", "f".repeat(64), "z", clock.instant());
        clock.advance(WINDOW.plusSeconds(1));
        a.resultOf(request("r-10", "x"), () -> execute("a"));

        assertThat(a.cleanUp()).as("rows deleted").isEqualTo(1);

        assertThat(claims(GROUP).find("r-9")).as("the old row").isEmpty();
        assertThat(claims(GROUP).find("r-10")).as("the recent row").isPresent();
        assertThat(claims("another-group").find("r-9")).as("another group's row, its window its own").isPresent();
        assertThat(instance("b").resultOf(request("r-9", "other content now"), () -> execute("b")).remembered()).isFalse();
    }

    @Test
    void aRowPastTheWindowNotYetCleanedUpCountsAsNone() {
        instance("a").resultOf(request("r-11", "x"), () -> execute("a"));
        clock.advance(WINDOW.plusSeconds(1));

        IdempotencyGuard.Outcome later = instance("b").resultOf(request("r-11", "other"), () -> execute("b"));

        assertThat(later).isEqualTo(new IdempotencyGuard.Outcome("{\"id\": \"result 2\", \"by\": \"b\"}", false));
    }

    @Test
    void withTheDatabaseAwayRequestsRunWithTheInstanceGuardOnlyCountedAndWarnedOnce() {
        SharedGuard a = instance("a");
        a.resultOf(request("r-12", "x"), () -> execute("a"));
        takeTheDatabaseAway();

        try (CapturedLogs logs = new CapturedLogs(Level.INFO)) {
            IdempotencyGuard.Outcome first = a.resultOf(request("r-13", "x"), () -> execute("a"));
            IdempotencyGuard.Outcome second = a.resultOf(request("r-14", "x"), () -> execute("a"));

            assertThat(first).isEqualTo(new IdempotencyGuard.Outcome("{\"id\": \"result 2\", \"by\": \"a\"}", false));
            assertThat(second).isEqualTo(new IdempotencyGuard.Outcome("{\"id\": \"result 3\", \"by\": \"a\"}", false));
            assertThat(a.unguarded()).isEqualTo(2);
            List<String> warnings = logs.events().stream().filter(event -> event.getLevel() == Level.WARN)
                    .filter(event -> event.getLoggerName().equals(SharedGuard.class.getName()))
                    .map(event -> event.getFormattedMessage()).toList();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).startsWith("kafka: the shared idempotency guard cannot use the history's database (")
                    .endsWith("); requests run with this instance's guard only until it answers again (counted in"
                            + " webhook_kafka_guard_unguarded_total)")
                    .doesNotContain("result");
        }
    }

    /** Time that moves only when the test says so. */
    static final class ManualClock extends Clock {
        private final AtomicReference<Instant> now;

        ManualClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration duration) {
            now.updateAndGet(instant -> instant.plus(duration));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
