package io.webhookactions.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ch.qos.logback.classic.Level;
import io.webhookactions.runtime.ActionRoutes;
import io.webhookactions.testing.CapturedLogs;
import io.webhookactions.testing.Engine;
import io.webhookactions.testing.Eventually;
import io.webhookactions.testing.ServiceUnderTest;
import io.webhookactions.testing.Upstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} adds its action routes without starting them (Camel 4.18 starts routes one by one in time that grows
 * with their number); each starts on its first call. Until then an action is loaded, and everything that counts
 * actions says so.
 */
class ServeStartsActionsOnFirstCallTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void anActionNotCalledYetIsListedAndCountedByHealthAndMetrics() throws Exception {
        Path routes = Files.createDirectory(dir.resolve("routes"));
        Engine.writeGetUserCopies(routes, "alpha", "beta", "gamma");
        try (CapturedLogs logs = new CapturedLogs(Level.INFO, "org.apache.camel");
             Upstream upstream = new Upstream().on("/users", Upstream.json(200, "{\"name\": \"ada\"}"));
             ServiceUnderTest service = ServiceUnderTest.start(dir, routes, "upstream=" + upstream.url(""))) {
            assertThat(service.context().getRouteController().getRouteStatus(ActionRoutes.routeId("alpha")))
                    .isNotEqualTo(ServiceStatus.Started);
            assertThat(logs.lines("io.webhookactions.app.Service")).as("what is loaded, said once, not a route per line")
                    .containsExactly("3 actions loaded (each starts on its first call)");
            assertThat(logs.lines("org.apache.camel.impl.engine.AbstractCamelContext")).as("Camel's summary, on one line")
                    .anyMatch(line -> line.contains("(webhook-actions) started in"))
                    .noneMatch(line -> line.contains("Disabled") || line.contains("Routes startup"));

            assertThat(JSON.readTree(service.get("/api/actions").body())).extracting(node -> node.path("name").asText())
                    .containsExactlyInAnyOrder("alpha", "beta", "gamma");
            assertThat(JSON.readTree(service.get("/observe/health").body()).path("actions").asInt()).isEqualTo(3);
            assertThat(service.get("/observe/metrics").body()).contains("webhook_actions_loaded 3.0").contains("webhook_actions_started 0.0");

            int notifiers = service.context().getManagementStrategy().getEventNotifiers().size();
            JsonNode executed = JSON.readTree(service.post("/api/actions/beta/execute", "{\"user\": {\"user_id\": \"1\"}}").body());
            service.post("/api/actions/gamma/execute", "{}");

            assertThat(executed.path("attributes").path("user").path("user_name").asText()).isEqualTo("ada");
            assertThat(service.context().getRouteController().getRouteStatus(ActionRoutes.routeId("beta"))).isEqualTo(ServiceStatus.Started);
            assertThat(service.get("/observe/metrics").body()).contains("webhook_actions_loaded 3.0").contains("webhook_actions_started 2.0")
                    .contains("webhook_action_executions_total{action=\"beta\",outcome=\"success\"} 1.0");
            assertThat(service.context().getManagementStrategy().getEventNotifiers()).as("Camel's per-exchange metrics notifier, which"
                            + " looks up the route and searches every meter on each call (a millisecond at 10 000 actions), is off")
                    .noneMatch(notifier -> notifier.getClass().getSimpleName().equals("MicrometerExchangeEventNotifier"));
            assertThat(service.context().getManagementStrategy().getEventNotifiers())
                    .as("a route started on its first call leaves no event notifier behind (camel-platform-http-main adds one per"
                            + " route start otherwise)").hasSize(notifiers);
        }
    }

    /**
     * An action's route is not even created before its first call: its definition waits in Camel's model, its status
     * says stopped. Such an action is edited, deleted and started by an operator like any other.
     */
    @Test
    void anActionNeverCalledIsEditedDeletedAndStartedLikeAnyOther() throws Exception {
        Path routes = Files.createDirectory(dir.resolve("routes"));
        Engine.writeGetUserCopies(routes, "alpha", "beta", "gamma");
        try (Upstream upstream = new Upstream().on("/users", Upstream.json(200, "{\"name\": \"ada\"}"));
             ServiceUnderTest service = ServiceUnderTest.start(dir, routes, "upstream=" + upstream.url(""))) {
            ModelCamelContext camel = (ModelCamelContext) service.context();
            assertThat(camel.getRoutes()).extracting(Route::getRouteId).noneMatch(id -> id.startsWith(ActionRoutes.ROUTE_ID_PREFIX));
            assertThat(camel.getRouteDefinition(ActionRoutes.routeId("alpha"))).isNotNull();
            assertThat(camel.getRouteController().getRouteStatus(ActionRoutes.routeId("alpha"))).isEqualTo(ServiceStatus.Stopped);

            // Edited before any call: the new version is the one that runs.
            Files.writeString(routes.resolve("beta.webhook.json"), Files.readString(routes.resolve("beta.webhook.json"))
                    .replace("\"user_name\"", "\"user_name_v2\""));
            Eventually.await(Duration.ofSeconds(20), "the edited beta runs", () -> mapped(service, "beta", "user_name_v2").equals("ada"));
            assertThat(camel.getRouteDefinitions()).extracting(RouteDefinition::getRouteId)
                    .filteredOn(id -> id.equals(ActionRoutes.routeId("beta"))).hasSize(1);

            // Deleted before any call: gone from the list, the API and Camel's model.
            Files.delete(routes.resolve("alpha.webhook.json"));
            // The watcher unregisters the action first (a call answers 404 at once), then removes its route; a call made
            // before the watcher saw the deletion has created that route meanwhile: wait for both.
            Eventually.await(Duration.ofSeconds(20), "alpha is gone", () -> mapped(service, "alpha", "user_name").equals("404")
                    && camel.getRouteDefinition(ActionRoutes.routeId("alpha")) == null
                    && camel.getRouteController().getRouteStatus(ActionRoutes.routeId("alpha")) == null);
            assertThat(JSON.readTree(service.get("/api/actions").body())).extracting(node -> node.path("name").asText())
                    .containsExactlyInAnyOrder("beta", "gamma");
            assertThat(camel.getRouteDefinition(ActionRoutes.routeId("alpha"))).isNull();
            assertThat(camel.getRouteController().getRouteStatus(ActionRoutes.routeId("alpha"))).isNull();

            // Started by an operator before any call: created and started, and calls run it.
            camel.getRouteController().startRoute(ActionRoutes.routeId("gamma"));
            assertThat(camel.getRouteController().getRouteStatus(ActionRoutes.routeId("gamma"))).isEqualTo(ServiceStatus.Started);
            assertThat(service.get("/observe/metrics").body()).contains("webhook_actions_loaded 2.0").contains("webhook_actions_started 2.0");
            assertThat(mapped(service, "gamma", "user_name")).isEqualTo("ada");
        }
    }

    /** The user output {@code output} of executing {@code action}, or the status code when the API refused the call. */
    private static String mapped(ServiceUnderTest service, String action, String output) {
        try {
            java.net.http.HttpResponse<String> response = service.post("/api/actions/" + action + "/execute", "{\"user\": {\"user_id\": \"1\"}}");
            return response.statusCode() != 200 ? String.valueOf(response.statusCode())
                    : JSON.readTree(response.body()).path("attributes").path("user").path(output).asText();
        } catch (Exception e) {
            return "";
        }
    }

    /** The refusal of SPEC §7: every error of every file, then the count; nothing starts. */
    @Test
    void invalidDefinitionsRefuseTheStartWithEveryErrorOfEveryFile() throws Exception {
        Path routes = Files.createDirectory(dir.resolve("routes"));
        Files.writeString(routes.resolve("good.webhook.json"), "{\"name\": \"good\", \"url\": \"https://api.example.com/\"}");
        Files.writeString(routes.resolve("one.webhook.json"), "{\"name\": \"One\", \"url\": \"https://api.example.com/\"}");
        Files.writeString(routes.resolve("two.webhook.json"), "{\"name\": \"two\", \"url\": \"ftp://api.example.com/\", \"timeout_ms\": 0}");

        assertThatThrownBy(() -> ServiceUnderTest.start(dir, routes, "")).isInstanceOf(Service.Refused.class).satisfies(refused -> {
            String[] lines = refused.getMessage().split("\n");
            assertThat(lines).filteredOn(line -> line.contains("one.webhook.json")).hasSize(1);
            assertThat(lines).filteredOn(line -> line.contains("two.webhook.json")).hasSize(2);
            assertThat(lines[lines.length - 1])
                    .isEqualTo("not starting: 3 errors in webhook action definitions (a deployment never runs with half its actions)");
        });
    }
}
