package io.webhookactions.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.testing.Eventually;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's queue on a real H2 file (SPEC §13): while the database does not answer, records wait up to
 * {@code webhook.history.queue-size} and the rest are dropped and counted, without the offering thread waiting;
 * a record the database refuses is dropped alone.
 */
class HistoryWriterTest {

    @TempDir
    Path dir;

    private static HistoryRecord record(String action) {
        Instant now = Instant.now();
        return new HistoryRecord(HistoryRecord.timeOrderedId(now), now, action, "test", "local", 1, true, 200, null, "{}");
    }

    @Test
    void aFullQueueDropsAndCountsWithoutTheExecutionWaiting() throws Exception {
        try (HistoryDatabase database = HistoryDatabase.open(HistorySettings.defaults("jdbc:h2:file:" + dir.resolve("gated")))) {
            CountDownLatch answering = new CountDownLatch(1);
            CountDownLatch asked = new CountDownLatch(1);
            HistoryStore store = new HistoryStore(() -> {
                asked.countDown();
                try {
                    answering.await(); // a database that does not answer yet
                } catch (InterruptedException e) {
                    throw new SQLException(e);
                }
                return database.connection();
            });
            HistoryWriter writer = new HistoryWriter(store, 3);
            writer.start();
            assertThat(asked.await(10, TimeUnit.SECONDS)).as("the writer waits for the database").isTrue();

            long started = System.nanoTime();
            boolean[] accepted = new boolean[5];
            for (int i = 0; i < 5; i++) {
                accepted[i] = writer.offer(record("next_" + i));
            }
            long micros = (System.nanoTime() - started) / 1000;

            assertThat(accepted).containsExactly(true, true, true, false, false);
            assertThat(writer.dropped()).isEqualTo(2);
            assertThat(micros).as("offering never waits for the database").isLessThan(200_000);
            answering.countDown();
            Eventually.await(Duration.ofSeconds(30), "the waiting records are written", () -> writer.written() == 3);
            writer.close();
            assertThat(store.count()).isEqualTo(3);
        }
    }

    @Test
    void aRecordTheDatabaseRefusesIsDroppedAloneAndTheRestOfItsBatchIsWritten() throws Exception {
        try (HistoryDatabase database = HistoryDatabase.open(HistorySettings.defaults("jdbc:h2:file:" + dir.resolve("refusing")))) {
            HistoryStore store = new HistoryStore(database::connection);
            HistoryWriter writer = new HistoryWriter(store, 10);
            writer.offer(record("good_one"));
            writer.offer(record("x".repeat(300))); // wider than the action column
            writer.offer(record("good_two"));

            writer.start();
            Eventually.await(Duration.ofSeconds(30), "the batch is handled", () -> writer.written() + writer.dropped() == 3);
            writer.close();

            assertThat(writer.written()).isEqualTo(2);
            assertThat(writer.dropped()).isEqualTo(1);
            assertThat(store.list(HistoryQuery.newest(10)).items()).extracting(HistoryRecord::action)
                    .containsExactlyInAnyOrder("good_one", "good_two");
        }
    }

    @Test
    void halfAQueueSmallerThanABatchWakesTheWriterInsteadOfWaitingForItsSleepToEnd() throws Exception {
        try (HistoryDatabase database = HistoryDatabase.open(HistorySettings.defaults("jdbc:h2:file:" + dir.resolve("small")))) {
            HistoryStore store = new HistoryStore(database::connection);
            store.count();
            HistoryWriter writer = new HistoryWriter(store, 10, Duration.ofMinutes(10).toNanos());
            writer.start();
            Eventually.await(Duration.ofSeconds(30), "the writer sleeps, for ten minutes", writer::sleeping);

            for (int i = 0; i < 5; i++) {
                assertThat(writer.offer(record("small_" + i))).isTrue();
            }

            Eventually.await(Duration.ofSeconds(30), "five of ten places taken wake the writer", () -> writer.written() == 5);
            writer.close();
        }
    }

    /**
     * A commit that succeeded but whose answer was lost: the retry finds the batch's groups there and counts them as
     * written, instead of writing their records again as groups of their own (each then listed twice).
     */
    @Test
    void aBatchWhoseCommitAnswerWasLostIsNotWrittenTwice() throws Exception {
        try (HistoryDatabase database = HistoryDatabase.open(HistorySettings.defaults("jdbc:h2:file:" + dir.resolve("lost")))) {
            AtomicBoolean loseOneAnswer = new AtomicBoolean(true);
            HistoryStore store = new HistoryStore(InterceptedConnections.of(database, (method, arguments, proceed) -> {
                Object answer = proceed.call();
                if (method.getName().equals("commit") && loseOneAnswer.getAndSet(false)) {
                    throw new SQLException("the connection broke after the commit");
                }
                return answer;
            }));
            store.count();
            HistoryWriter writer = new HistoryWriter(store, 10);
            for (int i = 0; i < 3; i++) {
                writer.offer(record("lost_answer"));
            }

            writer.start();
            Eventually.await(Duration.ofSeconds(30), "the batch is handled", () -> writer.written() + writer.dropped() == 3);
            writer.close();

            assertThat(loseOneAnswer.get()).as("the answer was lost once").isFalse();
            assertThat(writer.written()).isEqualTo(3);
            assertThat(store.count()).as("each record once").isEqualTo(3);
        }
    }

    @Test
    void recordsOfferedAfterCloseAreDroppedAndCounted() throws Exception {
        try (HistoryDatabase database = HistoryDatabase.open(HistorySettings.defaults("jdbc:h2:file:" + dir.resolve("closed")))) {
            HistoryWriter writer = new HistoryWriter(new HistoryStore(database::connection), 10);
            writer.start();
            writer.close();

            assertThat(writer.offer(record("late"))).isFalse();
            assertThat(writer.dropped()).isEqualTo(1);
        }
    }

    @Test
    void everyRecordOfferedWhileTheWriterClosesIsEitherWrittenOrCountedAsDropped() throws Exception {
        for (int round = 0; round < 3; round++) {
            try (HistoryDatabase database = HistoryDatabase.open(HistorySettings.defaults("jdbc:h2:file:" + dir.resolve("closing" + round)))) {
                HistoryWriter writer = new HistoryWriter(new HistoryStore(database::connection), 100_000, Duration.ofMillis(1).toNanos());
                offerWhileClosing(writer, () -> writer.written() > 0, Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void recordsLeftWhenAHangingDatabaseOutlastsThePatienceOfCloseAreCountedAsDropped() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        HistoryStore hanging = new HistoryStore(() -> {
            asked.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                throw new SQLException(e);
            }
            throw new SQLException("unreachable");
        });
        HistoryWriter writer = new HistoryWriter(hanging, 100_000, Duration.ofMillis(1).toNanos());

        offerWhileClosing(writer, () -> asked.getCount() == 0, Duration.ofMillis(300));

        assertThat(writer.written()).isZero();
    }

    /** Three threads offer records from before {@code close(patience)} until well after it returned. */
    private static void offerWhileClosing(HistoryWriter writer, java.util.function.BooleanSupplier busy, Duration patience)
            throws Exception {
        writer.start();
        AtomicBoolean offering = new AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicLong offered = new java.util.concurrent.atomic.AtomicLong();
        Thread[] executions = new Thread[3];
        for (int i = 0; i < executions.length; i++) {
            executions[i] = new Thread(() -> {
                while (offering.get()) {
                    writer.offer(record("busy"));
                    offered.incrementAndGet();
                }
            });
            executions[i].start();
        }
        Eventually.await(Duration.ofSeconds(30), "the writer is at work", busy);
        writer.close(patience);
        long droppedAtClose = writer.dropped();
        Eventually.await(Duration.ofSeconds(5), "offers go on after close", () -> writer.dropped() > droppedAtClose + 100);
        offering.set(false);
        for (Thread execution : executions) {
            execution.join();
        }

        assertThat(writer.written() + writer.dropped()).as("written and dropped account for every offer").isEqualTo(offered.get());
        assertThat(writer.queued()).isZero();
    }
}
