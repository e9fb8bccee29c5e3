package io.webhookactions.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.testing.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The history contract on a real PostgreSQL server, started by this test from the machine's binaries. */
class PostgresHistoryTest extends HistoryContract {

    static PostgresServer postgres;
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
        return HistorySettings.defaults(postgres.createDatabase("history_" + ++databases)).withLogin(postgres.user(), postgres.password());
    }

    @Test
    void aDatabaseThatAlreadyHoldsOtherTablesGetsTheHistoryBesideThem() throws Exception {
        HistorySettings settings = settings();
        try (Connection connection = DriverManager.getConnection(settings.url(), postgres.user(), postgres.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE orders (id INT PRIMARY KEY)");
            statement.execute("INSERT INTO orders VALUES (1)");
        }

        history = ExecutionHistory.open(settings, Duration.ofHours(1), Clock.systemUTC());
        history.store().insert(List.of(record(T, "get_user", true, "test")));

        assertThat(history.store().count()).isEqualTo(1);
        try (Connection connection = DriverManager.getConnection(settings.url(), postgres.user(), postgres.password());
             var rows = connection.createStatement().executeQuery("SELECT count(*) FROM orders")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }
    }
}
