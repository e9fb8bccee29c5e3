package io.webhookactions.bench;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Drives one implementation at a fixed concurrency for a fixed time; every call must succeed. */
final class Load {

    /** One call of the scenario; throws when the call did not produce the expected fields. */
    @FunctionalInterface
    interface Call {
        void run(int sequence) throws Exception;
    }

    private Load() {
    }

    /** Calls per second over {@code measure}, after {@code warmup} of the same load. */
    static double throughput(Call call, int concurrency, long warmupMillis, long measureMillis) throws Exception {
        if (warmupMillis > 0) {
            run(call, concurrency, warmupMillis);
        }
        return run(call, concurrency, measureMillis) * 1000.0 / measureMillis;
    }

    private static long run(Call call, int concurrency, long millis) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(concurrency);
        for (int t = 0; t < concurrency; t++) {
            int worker = t;
            pool.submit(() -> {
                int sequence = worker;
                try {
                    while (!stop.get()) {
                        try {
                            call.run(sequence);
                            done.incrementAndGet();
                        } catch (Exception e) {
                            if (failed.incrementAndGet() == 1) {
                                e.printStackTrace();
                            }
                        }
                        sequence += concurrency;
                    }
                } finally {
                    finished.countDown();
                }
            });
        }
        Thread.sleep(millis);
        stop.set(true);
        finished.await(30, TimeUnit.SECONDS);
        pool.shutdownNow();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " calls failed; the comparison would be meaningless");
        }
        return done.get();
    }

    /**
     * Latencies in microseconds of {@code count} sequential calls of each of {@code a} and {@code b},
     * alternating a, b, a, b... (after {@code warmup} unmeasured ones of each), each sorted. Alternating
     * keeps a slow spell of the machine from landing on one of them only.
     */
    static long[][] pairedLatenciesMicros(Call a, Call b, int warmup, int count) throws Exception {
        for (int i = 0; i < warmup; i++) {
            a.run(i);
            b.run(i);
        }
        long[] first = new long[count];
        long[] second = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            a.run(i);
            long middle = System.nanoTime();
            b.run(i);
            first[i] = (middle - start) / 1000;
            second[i] = (System.nanoTime() - middle) / 1000;
        }
        Arrays.sort(first);
        Arrays.sort(second);
        return new long[][] {first, second};
    }

    static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
