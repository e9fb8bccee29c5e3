package io.webhookactions.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.testing.Eventually;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The watchdog that cancels calls past their deadline, on a real scheduler. "Some ticks later" is observed
 * through a second watched call with a later deadline: when its expiry has run, the sweeper has swept past
 * the first deadline several times.
 */
class DeadlineSweeperTest {

    private static final long TICK_NANOS = Duration.ofMillis(DeadlineSweeper.TICK_MILLIS).toNanos();

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final DeadlineSweeper sweeper = new DeadlineSweeper(scheduler);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    /** Watches a call with a deadline {@code ticks} ticks from now and waits until its expiry has run. */
    private void waitTicks(int ticks) {
        AtomicInteger marker = new AtomicInteger();
        sweeper.watch(System.nanoTime() + ticks * TICK_NANOS, marker::incrementAndGet);
        Eventually.await(Duration.ofSeconds(10), "a later deadline passes", () -> marker.get() == 1);
    }

    @Test
    void aWatchedCallPastItsDeadlineIsCancelledOnce() {
        AtomicInteger cancelled = new AtomicInteger();
        AtomicLong cancelledAt = new AtomicLong();
        long deadline = System.nanoTime() + TICK_NANOS;

        sweeper.watch(deadline, () -> {
            cancelledAt.set(System.nanoTime());
            cancelled.incrementAndGet();
        });

        Eventually.await(Duration.ofSeconds(5), "the expired call is cancelled", () -> cancelled.get() == 1);
        assertThat(cancelledAt.get() - deadline).as("never before the deadline, and within a few ticks after it (50 at most)")
                .isBetween(0L, 50 * TICK_NANOS);
        waitTicks(5);
        assertThat(cancelled.get()).as("cancelled exactly once, however many sweeps follow").isEqualTo(1);
    }

    @Test
    void aCallPastItsDeadlineAtWatchTimeIsCancelledAtTheNextSweep() {
        AtomicInteger cancelled = new AtomicInteger();

        sweeper.watch(System.nanoTime() - TICK_NANOS, cancelled::incrementAndGet);

        Eventually.await(Duration.ofSeconds(5), "the overdue call is cancelled", () -> cancelled.get() == 1);
    }

    @Test
    void aReleasedCallIsNeverCancelled() {
        AtomicInteger cancelled = new AtomicInteger();
        long id = sweeper.watch(System.nanoTime() + 5 * TICK_NANOS, cancelled::incrementAndGet);

        sweeper.release(id);
        waitTicks(15);

        assertThat(cancelled.get()).isZero();
    }

    @Test
    void aCallBeforeItsDeadlineIsLeftAlone() {
        AtomicInteger cancelled = new AtomicInteger();
        long id = sweeper.watch(System.nanoTime() + Duration.ofMinutes(5).toNanos(), cancelled::incrementAndGet);

        waitTicks(5);

        assertThat(cancelled.get()).isZero();
        sweeper.release(id);
    }

    @Test
    void releasingOneCallKeepsWatchingTheOthers() {
        AtomicInteger released = new AtomicInteger();
        AtomicInteger kept = new AtomicInteger();
        long deadline = System.nanoTime() + 5 * TICK_NANOS;
        long first = sweeper.watch(deadline, released::incrementAndGet);
        long second = sweeper.watch(deadline, kept::incrementAndGet);

        sweeper.release(first);

        Eventually.await(Duration.ofSeconds(5), "the kept call is cancelled", () -> kept.get() == 1);
        assertThat(released.get()).isZero();
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void anExpiryActionThatThrowsDoesNotStopTheSweeper() {
        AtomicInteger thrown = new AtomicInteger();
        sweeper.watch(System.nanoTime(), () -> {
            thrown.incrementAndGet();
            throw new IllegalStateException("the connection is already closed");
        });
        Eventually.await(Duration.ofSeconds(5), "the throwing action ran", () -> thrown.get() == 1);
        AtomicInteger later = new AtomicInteger();

        sweeper.watch(System.nanoTime() + TICK_NANOS, later::incrementAndGet);

        Eventually.await(Duration.ofSeconds(5), "a later call is still cancelled", () -> later.get() == 1);
    }
}
