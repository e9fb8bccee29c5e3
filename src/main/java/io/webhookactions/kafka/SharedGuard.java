package io.webhookactions.kafka;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The idempotency guard across instances, in the history's shared database ({@link RequestClaims}), consulted when the
 * in-memory {@link IdempotencyGuard} of this instance does not know a request id. A request is executed by the instance
 * that claims its id; its result is stored in the claim, synchronously, before the route writes it to the results topic
 * and commits the offset. So when an instance dies after storing a result but before committing, the instance that gets
 * the redelivered request answers with the stored result instead of calling the upstream again.
 * <ul>
 *   <li>a row with a result and the same content: that result, remembered (no execution);</li>
 *   <li>a row with other content: refused, as the in-memory guard refuses it;</li>
 *   <li>a claim without result by someone else: this thread waits, reading the row every {@code pollEvery}, until the
 *       result appears or the claim is older than {@code webhook.kafka.claim-timeout-seconds}, then takes it over (a
 *       conditional update: one taker wins) and executes;</li>
 *   <li>a row older than the idempotency window counts as none.</li>
 * </ul>
 * An execution that throws releases its claim, so the redelivery runs. A crash between the upstream call and storing
 * the result leaves a claim without result: that request runs again once the claim timed out (the upstream's
 * idempotency key is what closes that gap).
 *
 * <p>The database never stops consumption: when its SQL fails the request runs with the in-memory guard only, counted
 * in {@link #unguarded()}; one WARN per outage, and for {@value #RETRY_SECONDS} s after a failure requests do not wait
 * for the database again. Nothing of a request or result is logged, only ids.
 */
final class SharedGuard implements org.apache.camel.Service {

    /** After the database failed, requests skip it this long rather than each waiting for a connection timeout. */
    static final int RETRY_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(SharedGuard.class);

    private final RequestClaims claims;
    private final String instance;
    private final Duration window;
    private final Duration claimTimeout;
    private final Duration pollEvery;
    private final Clock clock;
    /**
     * Threads of this instance in {@link #resultOf}, by id. A claim of this instance that no other thread of it is
     * working on is stale: its execution ended without storing a result (the database failed then).
     */
    private final Map<String, Integer> running = new ConcurrentHashMap<>();
    private final AtomicLong unguarded = new AtomicLong();
    private final AtomicBoolean down = new AtomicBoolean();
    private volatile long retryAtNanos = System.nanoTime();
    private ScheduledExecutorService cleanup;

    /**
     * @param instance     who claims, unique per guard: {@link #instanceName()}
     * @param window       {@code webhook.kafka.idempotency-window-seconds}: rows older than this count as none and are deleted
     * @param claimTimeout {@code webhook.kafka.claim-timeout-seconds}: a claim without result older than this is taken over
     * @param pollEvery    how often a waiting copy reads the row again
     */
    SharedGuard(RequestClaims claims, String instance, Duration window, Duration claimTimeout, Duration pollEvery, Clock clock) {
        this.claims = claims;
        this.instance = instance;
        this.window = window;
        this.claimTimeout = claimTimeout;
        this.pollEvery = pollEvery;
        this.clock = clock;
    }

    /** This process's name in the claims: host, process id, and a random part that tells two guards of one process apart. */
    static String instanceName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                host = "unknown-host";
            }
        }
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        String suffix = ":" + ManagementFactory.getRuntimeMXBean().getPid() + ":" + HexFormat.of().formatHex(random);
        return host.substring(0, Math.min(host.length(), 255 - suffix.length())) + suffix;
    }

    /**
     * The result of {@code request}: the one stored by any instance within the window (remembered), else
     * {@code execution}'s, run here and stored.
     *
     * @throws RejectedRequest when the id was used by a different request within the window
     * @throws RuntimeException what {@code execution} threw (its claim released)
     */
    IdempotencyGuard.Outcome resultOf(RequestRecord request, Supplier<String> execution) {
        if (System.nanoTime() - retryAtNanos < 0) {
            return unguarded(execution);
        }
        Instant claimedAt;
        running.merge(request.id(), 1, Integer::sum);
        try {
            Decision decision;
            try {
                decision = decide(request);
                available();
            } catch (SQLException e) {
                unavailable(e);
                return unguarded(execution);
            }
            if (decision.result() != null) {
                return new IdempotencyGuard.Outcome(decision.result(), true);
            }
            claimedAt = decision.claimedAt();
            String result;
            try {
                result = execution.get();
            } catch (RuntimeException | Error e) {
                release(request.id(), claimedAt);
                throw e;
            }
            store(request.id(), claimedAt, result);
            return new IdempotencyGuard.Outcome(result, false);
        } finally {
            running.computeIfPresent(request.id(), (id, threads) -> threads == 1 ? null : threads - 1);
        }
    }

    /** What the table says to do: execute under the claim made at {@code claimedAt}, or answer with {@code result}. */
    private record Decision(Instant claimedAt, String result) {
    }

    /** Claims the id, or waits for the claim of another instance to end in a result or expire. */
    private Decision decide(RequestRecord request) throws SQLException {
        String fingerprint = request.fingerprint();
        while (true) {
            Instant now = RequestClaims.stored(clock.instant());
            if (claims.claim(request.id(), fingerprint, instance, now)) {
                return new Decision(now, null);
            }
            Optional<RequestClaims.Claim> row = claims.find(request.id());
            if (row.isEmpty()) {
                continue; // released (its execution threw) or cleaned up in between: claim again
            }
            RequestClaims.Claim claim = row.get();
            boolean pastWindow = claim.claimedAt().isBefore(now.minus(window));
            if (!pastWindow && !claim.fingerprint().equals(fingerprint)) {
                throw IdempotencyGuard.reused(request.id(), window);
            }
            if (!pastWindow && claim.result() != null) {
                return new Decision(null, claim.result());
            }
            boolean stale = pastWindow || claim.claimedAt().isBefore(now.minus(claimTimeout))
                    || (claim.claimedBy().equals(instance) && running.get(request.id()) == 1);
            if (stale) {
                if (claims.takeOver(request.id(), claim, fingerprint, instance, now)) {
                    return new Decision(now, null);
                }
                // Another taker won: its claim is fresh, wait for it like for any other.
            }
            pause(request.id());
        }
    }

    private void pause(String id) {
        LockSupport.parkNanos(pollEvery.toNanos());
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another instance's result of kafka request " + id);
        }
    }

    private void store(String id, Instant claimedAt, String result) {
        try {
            if (!claims.complete(id, instance, claimedAt, result)) {
                LOG.warn("kafka request {} ran longer than its claim (webhook.kafka.claim-timeout-seconds = {}): another instance"
                        + " may have taken it over and run it again; its result is written but not stored", id, claimTimeout.toSeconds());
            }
            available();
        } catch (SQLException e) {
            unavailable(e);
            unguarded.incrementAndGet();
        }
    }

    private void release(String id, Instant claimedAt) {
        try {
            claims.release(id, instance, claimedAt);
        } catch (SQLException e) {
            // The claim stays; this instance takes its own stale claim over at once, others after the claim timeout.
            unavailable(e);
        }
    }

    private IdempotencyGuard.Outcome unguarded(Supplier<String> execution) {
        unguarded.incrementAndGet();
        return new IdempotencyGuard.Outcome(execution.get(), false);
    }

    private void available() {
        if (down.compareAndSet(true, false)) {
            LOG.info("kafka: the shared idempotency guard's database answers again; requests are guarded across instances again");
        }
    }

    private void unavailable(SQLException e) {
        retryAtNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(RETRY_SECONDS);
        if (down.compareAndSet(false, true)) {
            LOG.warn("kafka: the shared idempotency guard cannot use the history's database ({}); requests run with this"
                    + " instance's guard only until it answers again (counted in webhook_kafka_guard_unguarded_total)", e.getMessage());
        }
    }

    /** Requests that ran without the shared guard, or whose result it could not store, because its database failed. */
    long unguarded() {
        return unguarded.get();
    }

    /** Deletes the group's rows older than the window; returns how many went. */
    int cleanUp() throws SQLException {
        Instant cutoff = clock.instant().minus(window);
        int total = 0;
        int deleted;
        do {
            deleted = claims.deleteClaimedBefore(cutoff);
            total += deleted;
        } while (deleted == RequestClaims.CHUNK && !Thread.currentThread().isInterrupted());
        return total;
    }

    /** Starts the cleanup: every minute, or every window when that is shorter. */
    @Override
    public synchronized void start() {
        if (cleanup != null) {
            return;
        }
        cleanup = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "webhook-kafka-guard-cleanup");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.min(window.toMillis(), Duration.ofMinutes(1).toMillis());
        cleanup.scheduleWithFixedDelay(() -> {
            try {
                int deleted = cleanUp();
                if (deleted > 0) {
                    LOG.debug("kafka: the shared idempotency guard forgot {} requests older than {} s", deleted, window.toSeconds());
                }
            } catch (Exception e) {
                LOG.debug("kafka: the shared idempotency guard's cleanup did not run ({}); trying again later", e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (cleanup != null) {
            cleanup.shutdownNow();
            cleanup = null;
        }
    }
}
