package io.webhookactions.api;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads executions of the API run on, apart from everything else the server does (SPEC §10): at most
 * {@code webhook.executions.max-concurrent} at once and as many waiting; beyond that a request is refused
 * (503) instead of queuing without bound. The health report, the panel and the action list never wait here.
 */
final class ExecutionPool implements AutoCloseable {

    private final ThreadPoolExecutor executor;

    ExecutionPool(int maxConcurrent) {
        AtomicInteger count = new AtomicInteger();
        executor = new ThreadPoolExecutor(maxConcurrent, maxConcurrent, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(maxConcurrent),
                runnable -> {
                    Thread thread = new Thread(runnable, "webhook-actions-execution-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
    }

    /** @return false when the pool and its queue are full: the caller answers 503 */
    boolean submit(Runnable execution) {
        try {
            executor.execute(execution);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Executions running or waiting. */
    int busy() {
        return executor.getActiveCount() + executor.getQueue().size();
    }

    /** Lets running executions finish (within {@code seconds}), refusing new ones. */
    void drain(long seconds) throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
