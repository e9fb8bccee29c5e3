package io.webhookactions.kafka;

import io.webhookactions.history.HistorySettings;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The shared guard on the embedded H2 file (what {@code webhook.kafka.idempotency-store = history} uses there). */
class H2SharedGuardTest extends SharedGuardContract {

    @TempDir
    Path dir;

    private int databases;

    @Override
    HistorySettings settings() {
        return HistorySettings.defaults("jdbc:h2:file:" + dir.resolve("history-" + ++databases));
    }

    /** A closed pool: every connection asked for fails, as with a database that went away. */
    @Override
    void takeTheDatabaseAway() {
        history.close();
    }
}
