package io.webhookactions.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes history records off the request path (SPEC §13): an execution only adds its record to a bounded
 * queue and goes on; one thread takes up to {@value #BATCH} records at a time and inserts them in one
 * transaction. While the database is down or slow the batch is retried with backoff and new records wait in
 * the queue; a full queue drops the record and counts it, so an execution never waits for the database and
 * never fails because of it. Besides the count, the queue is bounded by the memory its records hold.
 * <p>
 * The queue is lock-free and nobody signals the writer: it sleeps {@link #LINGER_NANOS} between batches unless a
 * full batch waits. A blocking queue whose writer waits in {@code poll} is woken by nearly every record, and on a
 * busy two-core machine those wake-ups (a futex call and a context switch each) cost more than the database: the
 * benchmark's GET ran at 0.75 of its speed without history with nothing but building, queuing and discarding
 * records that way, and at 0.92 this way.
 */
final class HistoryWriter implements AutoCloseable {

    static final int BATCH = 500;
    /** How long the writer sleeps when less than a batch waits: what a record's visibility in the list may lag. */
    static final long LINGER_NANOS = Duration.ofMillis(100).toNanos();
    /** What waiting records may hold in memory together (each is at most a few times max-body-bytes). */
    static final long MAX_QUEUED_BYTES = 64L * 1024 * 1024;
    private static final long MAX_BACKOFF_NANOS = Duration.ofSeconds(5).toNanos();
    private static final long DROP_LOG_NANOS = Duration.ofMinutes(1).toNanos();
    private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);
    /** Set once in {@link #queued} by close(): no place can be taken from then on. Above any queue size. */
    private static final int CLOSED = 1 << 30;
    private static final int FULL = -1;
    private static final int STOPPING = -2;

    private final HistoryStore store;
    private final Queue<HistoryRecord> queue = new ConcurrentLinkedQueue<>();
    private final int capacity;
    private final long lingerNanos;
    /** Waiting records that wake the writer before its sleep ends: a batch, or half the queue when that is less. */
    private final int wakeAt;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final Thread thread;
    private volatile boolean closing;
    private volatile long closeDeadline;
    private volatile boolean down;
    private volatile long nextDropLog = System.nanoTime();
    private long droppedWhenLogged;

    HistoryWriter(HistoryStore store, int capacity) {
        this(store, capacity, LINGER_NANOS);
    }

    /** With the writer's sleep between batches of the caller's choosing (tests). */
    HistoryWriter(HistoryStore store, int capacity, long lingerNanos) {
        this.lingerNanos = lingerNanos;
        this.store = store;
        this.capacity = capacity;
        this.wakeAt = Math.max(1, Math.min(BATCH, capacity / 2));
        this.thread = new Thread(this::run, "webhook-history-writer");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues {@code record} for writing; returns at once, false when it was dropped. */
    boolean offer(HistoryRecord record) {
        long weight = record.weight();
        long total = queuedBytes.addAndGet(weight);
        // One record alone always fits: the byte bound is for many large ones together.
        boolean tooLarge = total > MAX_QUEUED_BYTES && total != weight;
        int waiting = tooLarge ? FULL : reserve();
        if (waiting < 0) {
            queuedBytes.addAndGet(-weight);
            drop(1, waiting == STOPPING ? "the service is stopping"
                    : "the queue is full (webhook.history.queue-size, or " + (MAX_QUEUED_BYTES >> 20) + " MiB of records)");
            return false;
        }
        queue.add(record);
        // Once per crossing, not per record: a queue smaller than a batch, or large records, would otherwise fill up
        // while the writer sleeps.
        if (waiting == wakeAt || (total > MAX_QUEUED_BYTES / 2 && total - weight <= MAX_QUEUED_BYTES / 2)) {
            LockSupport.unpark(thread);
        }
        return true;
    }

    /**
     * Takes a place in the queue: the records waiting with this one, or {@link #FULL}, or {@link #STOPPING} once
     * {@link #close} has marked the count. The check and the place are one step, so a record is either counted in
     * what close() finds waiting or refused; never queued after close() counted what was left.
     */
    private int reserve() {
        while (true) {
            int waiting = queued.get();
            if (waiting >= CLOSED) {
                return STOPPING;
            }
            if (waiting >= capacity) {
                return FULL;
            }
            if (queued.compareAndSet(waiting, waiting + 1)) {
                return waiting + 1;
            }
        }
    }

    /** Records dropped so far: queue full, database away past shutdown, or a record the database refused. */
    long dropped() {
        return dropped.get();
    }

    long written() {
        return written.get();
    }

    /** Whether the writer sleeps between batches (or in a backoff) now. */
    boolean sleeping() {
        return thread.getState() == Thread.State.TIMED_WAITING;
    }

    /** Records waiting to be written. */
    int queued() {
        return queued.get() & ~CLOSED;
    }

    private void run() {
        // Connect (and let Flyway create or migrate the schema) now rather than under the first record; a database
        // that is away now is retried with that record.
        reachable();
        List<HistoryRecord> batch = new ArrayList<>(BATCH);
        while (true) {
            boolean stopping = closing;
            if (stopping && outOfPatience()) {
                return; // close() counts what still waits as dropped
            }
            if (!stopping && queued.get() < wakeAt && queuedBytes.get() <= MAX_QUEUED_BYTES / 2) {
                LockSupport.parkNanos(this, lingerNanos); // offer() unparks when enough waits, close() to finish
            }
            take(batch);
            if (batch.isEmpty()) {
                if (stopping) {
                    return;
                }
                continue;
            }
            write(batch);
            long weight = 0;
            for (HistoryRecord record : batch) {
                weight += record.weight();
            }
            queuedBytes.addAndGet(-weight);
            batch.clear();
        }
    }

    /** Moves up to a batch of waiting records into {@code batch}, oldest first. */
    private void take(List<HistoryRecord> batch) {
        HistoryRecord next;
        while (batch.size() < BATCH && (next = queue.poll()) != null) {
            batch.add(next);
            queued.decrementAndGet();
        }
    }

    /** Writes the batch, retrying while the database is away; gives up only once closing ran out of time. */
    private void write(List<HistoryRecord> batch) {
        long backoff = Duration.ofMillis(100).toNanos();
        boolean retried = false;
        while (true) {
            try {
                store.insert(batch);
                written.addAndGet(batch.size());
                if (down) {
                    down = false;
                    LOG.info("execution history: the database is available again; {} records waiting", queued());
                }
                return;
            } catch (Exception e) {
                if (closing && outOfPatience()) {
                    drop(batch.size(), "the database was still away when the service stopped");
                    return;
                }
                if (!retried) {
                    // After a database restart each pooled connection fails once: try again on another at once.
                    retried = true;
                    continue;
                }
                if (reachable()) {
                    writeEach(batch);
                    return;
                }
                if (!down) {
                    down = true;
                    LOG.warn("execution history: cannot write to the database ({}); records wait in the queue and are"
                            + " dropped when it is full", e.getMessage());
                }
                LockSupport.parkNanos(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
            }
        }
    }

    /**
     * The database answers but refused the batch: write group by group, and a refused group record by record, dropping
     * only what it refuses. A group whose newest record's key is there already was written by an earlier try whose
     * commit succeeded but whose answer was lost: writing its records again would list them twice.
     */
    private void writeEach(List<HistoryRecord> batch) {
        for (RecordGroup group : RecordGroup.of(batch)) {
            List<HistoryRecord> records = group.summaries();
            try {
                store.insertGroups(List.of(group));
                written.addAndGet(records.size());
                continue;
            } catch (Exception e) {
                if (store.holdsSafely(group)) {
                    written.addAndGet(records.size());
                    continue;
                }
            }
            for (HistoryRecord record : records) {
                try {
                    store.insert(List.of(record));
                    written.incrementAndGet();
                } catch (Exception e) {
                    LOG.warn("execution history: the database refused the record of {} ({}); dropped", record.action(), e.getMessage());
                    drop(1, "the database refused it");
                }
            }
        }
    }

    /** close() waited as long as it may: its interrupt ends a wait on the database, and nothing more is tried. */
    private boolean outOfPatience() {
        return System.nanoTime() - closeDeadline > 0;
    }

    private boolean reachable() {
        try {
            store.count();
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private void drop(long count, String why) {
        long total = dropped.addAndGet(count);
        long now = System.nanoTime();
        if (now - nextDropLog >= 0) {
            synchronized (this) {
                if (now - nextDropLog >= 0) {
                    nextDropLog = now + DROP_LOG_NANOS;
                    LOG.warn("execution history: {} records dropped ({} since the last report): {}", total, total - droppedWhenLogged, why);
                    droppedWhenLogged = total;
                }
            }
        }
    }

    /** Stops taking records and writes what waits, for at most {@code patience}; what is left then is dropped. */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    void close(Duration patience) {
        closeDeadline = System.nanoTime() + patience.toNanos();
        closing = true;
        queued.addAndGet(CLOSED);
        LockSupport.unpark(thread);
        if (thread.isAlive()) {
            try {
                thread.join(patience.toMillis() + 2_000);
                if (thread.isAlive()) {
                    thread.interrupt();
                    thread.join(2_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Places taken before the mark and not written: still in the queue, or about to be added to it.
        int left = queued();
        if (left > 0) {
            queued.addAndGet(-left);
            queue.clear();
            drop(left, "the service stopped before they were written");
        }
    }
}
