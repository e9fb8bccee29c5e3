package io.webhookactions.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webhookactions.runtime.InvalidSettingException;
import io.webhookactions.support.Json;
import io.webhookactions.testing.ServiceUnderTest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code serve} treats the history settings (SPEC §13): turned off, and values it cannot use. */
class HistoryServiceTest {

    @TempDir
    Path dir;

    private Path routes() throws Exception {
        Path routes = Files.createDirectory(dir.resolve("routes"));
        Files.writeString(routes.resolve("ping.webhook.json"), "{\"name\": \"ping\", \"url\": \"http://127.0.0.1:9/ping\"}");
        return routes;
    }

    @Test
    void historyTurnedOffRecordsNothingAndTheApiSaysSo() throws Exception {
        try (ServiceUnderTest service = ServiceUnderTest.start(dir, routes(), "webhook.history.enabled=false\n"
                + "webhook.history.url=jdbc:h2:file:" + dir.resolve("off"))) {
            service.post("/api/actions/ping/test", "{}");

            HttpResponse<String> list = service.get("/api/executions");
            HttpResponse<String> csv = service.get("/api/executions.csv");

            assertThat(list.statusCode()).isEqualTo(404);
            assertThat(csv.statusCode()).isEqualTo(404);
            assertThat(Json.mapper().readTree(list.body()).get("error").asText()).contains("webhook.history.enabled=false");
        }
        assertThat(Files.exists(dir.resolve("off.mv.db"))).isFalse();
    }

    @Test
    void aHistoryUrlThatIsNotJdbcOrHasNoDriverRefusesTheStartNamingTheKey() throws Exception {
        Path routes = routes();

        assertThatThrownBy(() -> ServiceUnderTest.start(dir, routes, "webhook.history.url=postgres://db/history"))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("webhook.history.url: 'postgres://db/history'");
        assertThatThrownBy(() -> ServiceUnderTest.start(dir, routes, "webhook.history.url=jdbc:mysql://db/history"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("a database this service has a driver for");
        assertThatThrownBy(() -> ServiceUnderTest.start(dir, routes, "webhook.history.max-rows=lots"))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("webhook.history.max-rows");
    }
}
