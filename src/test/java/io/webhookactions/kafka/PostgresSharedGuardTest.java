package io.webhookactions.kafka;

import io.webhookactions.history.HistorySettings;
import io.webhookactions.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The shared guard on a real PostgreSQL server, started by this test from the machine's binaries. */
class PostgresSharedGuardTest extends SharedGuardContract {

    private static PostgresServer postgres;
    private static int databases;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.startNew();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    HistorySettings settings() {
        return HistorySettings.defaults(postgres.createDatabase("guard_" + ++databases)).withLogin(postgres.user(), postgres.password());
    }

    /** The server stopped ({@code pg_ctl stop -m fast}): its sessions end, new connections are refused. */
    @Override
    void takeTheDatabaseAway() {
        postgres.stop();
    }

    @AfterEach
    void bringItBack() {
        postgres.start();
    }
}
