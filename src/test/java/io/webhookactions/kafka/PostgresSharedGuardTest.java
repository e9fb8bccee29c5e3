package io.webhookactions.kafka;

import io.webhookactions.history.HistorySettings;
import io.webhookactions.testing.ThrowAwayPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared guard on a real PostgreSQL server, started by this test from the machine's binaries. */
class PostgresSharedGuardTest extends SharedGuardContract {

    @RegisterExtension
    static final ThrowAwayPostgres POSTGRES = new ThrowAwayPostgres("guard_");

    @Override
    HistorySettings settings() {
        return POSTGRES.freshDatabase();
    }

    /** The server stopped ({@code pg_ctl stop -m fast}): its sessions end, new connections are refused. */
    @Override
    void takeTheDatabaseAway() {
        POSTGRES.server().stop();
    }

    @AfterEach
    void bringItBack() {
        POSTGRES.server().start();
    }
}
