package io.webhookactions.history;

import io.webhookactions.response.ActionResult;
import io.webhookactions.runtime.ExecutionInput;
import io.webhookactions.runtime.ExecutionListener;
import io.webhookactions.runtime.WebhookActions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution history of one service (SPEC §13), assembled: told about every finished execution (as an
 * {@link ExecutionListener}, with the result already scrubbed), it queues a record for the {@link HistoryWriter};
 * {@link Retention} runs in the background; reads run on two threads of its own, so the API's history queries
 * never wait behind executions and never run on the server's event loop. Stopping it (or its Camel context)
 * writes what is queued, then closes the database.
 */
public final class ExecutionHistory implements ExecutionListener, AutoCloseable, org.apache.camel.Service {

    /** The name it is bound under in the Camel registry. */
    public static final String BEAN = "webhookHistory";
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionHistory.class);

    private final HistorySettings settings;
    private final HistoryDatabase database;
    private final HistoryStore store;
    private final HistoryWriter writer;
    private final ScheduledExecutorService background;
    private final ThreadPoolExecutor reads;
    private volatile WebhookActions actions;
    private volatile boolean closed;

    /** Work on the database that answers something. */
    @FunctionalInterface
    public interface Query<T> {
        T run(HistoryStore store) throws Exception;
    }

    /** Reads are refused: both read threads are busy and the few waiting places taken. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("the history is answering other requests; try again shortly");
        }
    }

    private ExecutionHistory(HistorySettings settings, HistoryDatabase database, Duration retentionEvery, Clock clock) {
        this.settings = settings;
        this.database = database;
        this.store = new HistoryStore(database::connection);
        this.writer = new HistoryWriter(store, settings.queueSize());
        this.background = Executors.newSingleThreadScheduledExecutor(daemon("webhook-history-retention", new AtomicInteger()));
        this.reads = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(32),
                daemon("webhook-history-read-", new AtomicInteger(1)));
        reads.allowCoreThreadTimeOut(true);
        writer.start();
        Retention retention = new Retention(store, settings.retention(), settings.maxRows(), clock);
        background.scheduleWithFixedDelay(retention, Math.min(retentionEvery.toMillis(), 10_000), retentionEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The history the settings describe, retention checked every minute; nothing is connected yet. */
    public static ExecutionHistory open(HistorySettings settings) {
        return open(settings, Duration.ofMinutes(1), Clock.systemUTC());
    }

    /** With a retention interval and clock of the caller's choosing (tests). */
    public static ExecutionHistory open(HistorySettings settings, Duration retentionEvery, Clock clock) {
        return new ExecutionHistory(settings, HistoryDatabase.open(settings), retentionEvery, clock);
    }

    /**
     * The history of {@code context}: opened from {@code settings}, bound in its registry, told about every
     * execution of {@code actions}, and closed when the context stops. A second call returns the first one.
     */
    public static synchronized ExecutionHistory install(CamelContext context, WebhookActions actions, HistorySettings settings) {
        ExecutionHistory existing = context.getRegistry().lookupByNameAndType(BEAN, ExecutionHistory.class);
        if (existing != null) {
            return existing;
        }
        ExecutionHistory history = open(settings);
        context.getRegistry().bind(BEAN, history);
        history.actions = actions;
        actions.addListener(history);
        try {
            context.addService(history, true);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (isPresent("io.micrometer.core.instrument.MeterRegistry")) {
            HistoryMetrics.register(context, history);
        }
        return history;
    }

    /** Whether the history's libraries (pool, migrations) are on the class path: a Camel host may leave them out. */
    public static boolean available() {
        return isPresent("com.zaxxer.hikari.HikariDataSource") && isPresent("org.flywaydb.core.Flyway");
    }

    @Override
    public void executed(ExecutionInput input, Instant startedAt, ActionResult result) {
        if (!settings.components() && "component".equals(input.source())) {
            return;
        }
        writer.offer(HistoryRecord.of(input, startedAt, result, settings.maxBodyBytes()));
    }

    /** Runs {@code query} on the history's read threads. */
    public <T> CompletableFuture<T> read(Query<T> query) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        try {
            reads.execute(() -> {
                try {
                    answer.complete(query.run(store));
                } catch (Throwable e) {
                    answer.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            answer.completeExceptionally(new Busy());
        }
        return answer;
    }

    public HistorySettings settings() {
        return settings;
    }

    /** The store itself, for tools that read on their own threads (tests, the benchmark). */
    public HistoryStore store() {
        return store;
    }

    /**
     * Connections to the history's migrated schema, from its pool: the Kafka mode keeps its shared idempotency guard
     * (table {@code webhook_kafka_request}) in the same database. The caller closes each connection it takes.
     */
    public HistoryStore.Connections connections() {
        return database::connection;
    }

    /** Records dropped so far (queue full, database away at shutdown, refused). */
    public long dropped() {
        return writer.dropped();
    }

    /** Records written so far. */
    public long written() {
        return writer.written();
    }

    /** Records waiting to be written. */
    public int queued() {
        return writer.queued();
    }

    @Override
    public void start() {
        // Opened and running from construction; Camel only needs to stop it.
    }

    @Override
    public void stop() {
        close();
    }

    /** Stops recording, writes what is queued (for up to 10 s), stops retention and reads, closes the pool. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (actions != null) {
            actions.removeListener(this);
        }
        writer.close();
        background.shutdownNow();
        reads.shutdownNow();
        database.close();
        if (writer.dropped() > 0) {
            LOG.info("execution history closed: {} records written, {} dropped", writer.written(), writer.dropped());
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name, AtomicInteger count) {
        return runnable -> {
            Thread thread = new Thread(runnable, name.endsWith("-") ? name + count.getAndIncrement() : name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, ExecutionHistory.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
