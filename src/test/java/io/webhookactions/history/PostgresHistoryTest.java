package io.webhookactions.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webhookactions.secret.MasterKey;
import io.webhookactions.secret.SecretStore;
import io.webhookactions.testing.Eventually;
import io.webhookactions.testing.ThrowAwayPostgres;
import io.webhookactions.testing.ServiceUnderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The history contract on a real PostgreSQL server, started by this test from the machine's binaries. */
class PostgresHistoryTest extends HistoryContract {

    @RegisterExtension
    static final ThrowAwayPostgres POSTGRES = new ThrowAwayPostgres("history_");

    @Override
    HistorySettings settings() {
        return POSTGRES.freshDatabase();
    }

    @Test
    void theServerChecksThePasswordSoTheseTestsReallyPassIt() throws Exception {
        HistorySettings wrong = settings().withLogin(POSTGRES.server().user(), "not-the-password");

        try (HistoryDatabase database = HistoryDatabase.open(wrong)) {
            assertThatThrownBy(() -> new HistoryStore(database::connection).count()).isInstanceOf(java.sql.SQLException.class);
        }
    }

    @Test
    void theServiceTakesThePasswordFromTheSecretStore(@TempDir Path dir) throws Exception {
        String url = settings().url();
        MasterKey.create(dir.resolve("master.key"));
        SecretStore.open(dir.resolve("secrets.json"), dir.resolve("master.key")).set("history_db_password", POSTGRES.server().password());
        Path routes = Files.createDirectory(dir.resolve("routes"));
        Files.writeString(routes.resolve("get_user.webhook.json"), "{\"name\": \"get_user\", \"url\": \"" + upstream.url("/users/{user_id}") + "\"}");

        try (ServiceUnderTest service = ServiceUnderTest.start(dir, routes, "webhook.history.url=" + url + "\nwebhook.history.username="
                + POSTGRES.server().user() + "\nwebhook.history.password-secret=history_db_password")) {
            assertThat(service.post("/api/actions/get_user/test", "{\"user\": {\"user_id\": \"s1\"}}").statusCode()).isEqualTo(200);
            Eventually.await(Duration.ofSeconds(20), "the execution is in PostgreSQL", () -> {
                try {
                    return service.get("/api/executions").body().contains("\"get_user\"");
                } catch (Exception e) {
                    return false;
                }
            });
        }
        history = ExecutionHistory.open(HistorySettings.defaults(url).withLogin(POSTGRES.server().user(), POSTGRES.server().password()),
                Duration.ofHours(1), Clock.systemUTC());
        assertThat(history.store().count()).isEqualTo(1);
    }

    @Test
    void aDatabaseThatAlreadyHoldsOtherTablesGetsTheHistoryBesideThem() throws Exception {
        HistorySettings settings = settings();
        try (Connection connection = DriverManager.getConnection(settings.url(), POSTGRES.server().user(), POSTGRES.server().password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE orders (id INT PRIMARY KEY)");
            statement.execute("INSERT INTO orders VALUES (1)");
        }

        history = ExecutionHistory.open(settings, Duration.ofHours(1), Clock.systemUTC());
        history.store().insert(List.of(record(T, "get_user", true, "test")));

        assertThat(history.store().count()).isEqualTo(1);
        try (Connection connection = DriverManager.getConnection(settings.url(), POSTGRES.server().user(), POSTGRES.server().password());
             var rows = connection.createStatement().executeQuery("SELECT count(*) FROM orders")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }
    }
}
