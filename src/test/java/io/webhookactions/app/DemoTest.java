package io.webhookactions.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.webhookactions.secret.SecretStore;
import io.webhookactions.testing.Eventually;
import io.webhookactions.testing.ServiceUnderTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a newcomer sees: the shipped examples, the shipped configuration with the demo on, a fresh
 * folder without secrets. The demo secrets and master key are created, and the examples succeed against
 * the demo API (all but the mTLS one, which needs a real bank endpoint and says so in its error).
 */
class DemoTest {

    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shippedExamplesSucceedAgainstTheBuiltInDemo() throws Exception {
        ServiceUnderTest service = ServiceUnderTest.start(dir, Path.of("routes").toAbsolutePath(),
                Files.readString(Path.of("config/application.properties"))
                + "\nwebhook.routes=" + Path.of("routes").toAbsolutePath() + "\n"
                + "webhook.attributes-file=" + Path.of("config/attributes.json").toAbsolutePath() + "\n"
                + "webhook.secrets-file=" + dir.resolve("secrets.json") + "\nwebhook.master-key-file=" + dir.resolve("master.key") + "\n");
        int port = service.port();
        String notes = service.output();
        try {
            HttpClient client = HttpClient.newHttpClient();
            Eventually.await(Duration.ofSeconds(30), "the service is healthy", () -> {
                try {
                    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health")).build(),
                            HttpResponse.BodyHandlers.ofString()).body().contains("UP");
                } catch (Exception e) {
                    return false;
                }
            });
            assertThat(notes).contains("created " + dir.resolve("master.key") + " (mode 0600)").contains("for local use only")
                    .contains("demo-only");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("master.key")))).isEqualTo("rw-------");
            String contexts = "{\"user\": {\"user_id\": \"42\", \"order_id\": \"7\", \"sku\": \"A-1\", \"quantity\": 2, \"age\": \"36\","
                    + " \"account_id\": \"9\"}, \"global\": {\"api_version\": \"V1\"}}";
            for (String action : new String[] {"get_user", "create_ticket", "signed_order", "oauth_profile"}) {
                JsonNode result = JSON.readTree(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/actions/"
                        + action + "/test")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(contexts))
                        .build(), HttpResponse.BodyHandlers.ofString()).body());
                assertThat(result.path("success").asBoolean()).as("%s: %s", action, result.path("error")).isTrue();
            }
            JsonNode mtls = JSON.readTree(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/actions/mtls_balance/test")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(mtls.path("error").asText()).contains("could not connect to localhost:8443");

            String metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("webhook_action_executions_total{action=\"get_user\",outcome=\"success\"} 1.0")
                    .contains("webhook_action_failures_total{action=\"mtls_balance\",reason=\"connect\"} 1.0")
                    .contains("webhook_action_duration_seconds_bucket{action=\"oauth_profile\"")
                    .contains("webhook_oauth2_token_cache_misses_total 1.0");
        } finally {
            service.close();
        }
    }
}
