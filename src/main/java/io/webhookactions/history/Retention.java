package io.webhookactions.history;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the history within {@code webhook.history.retention-days} and {@code webhook.history.max-rows} (SPEC §13),
 * in the background: oldest records first, {@value #CHUNK} groups of records per transaction. One large {@code DELETE} would hold
 * the table for long (100 000 rows took 28 s on an H2 file) and let the writer's inserts wait behind it; small
 * chunks interleave with them. A round that fails (database away) is simply tried again next time.
 */
final class Retention implements Runnable {

    static final int CHUNK = 500;
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final HistoryStore store;
    private final Duration maxAge;
    private final long maxRows;
    private final Clock clock;

    Retention(HistoryStore store, Duration maxAge, long maxRows, Clock clock) {
        this.store = store;
        this.maxAge = maxAge;
        this.maxRows = maxRows;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            long deleted = enforce();
            if (deleted > 0) {
                LOG.debug("execution history: retention deleted {} records", deleted);
            }
        } catch (Exception e) {
            LOG.debug("execution history: retention did not run ({}); trying again later", e.getMessage());
        }
    }

    /** One round: records past the age limit, then the oldest beyond the row limit; returns how many went. */
    long enforce() throws Exception {
        return store.deleteStartedBefore(clock.instant().minus(maxAge), CHUNK) + store.keepNewest(maxRows, CHUNK);
    }
}
