package io.webhookactions.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.webhookactions.runtime.ActionRoutes;
import io.webhookactions.testing.Engine;
import io.webhookactions.testing.ServiceUnderTest;
import io.webhookactions.testing.Upstream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /observe/health} asks Camel's health checks, except those of action routes, which are always UP and cost a
 * call each (about 300 ms per probe at 10 000 actions); every other route's checks still decide UP or DOWN.
 */
class HealthProbeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void actionRouteChecksAreSkippedWhileAHostRouteThatStoppedStillMakesTheServiceDown() throws Exception {
        Path routes = Files.createDirectory(dir.resolve("routes"));
        Engine.writeGetUserCopies(routes, "alpha", "beta");
        try (Upstream upstream = new Upstream().on("/users", Upstream.json(200, "{\"name\": \"ada\"}"));
             ServiceUnderTest service = ServiceUnderTest.start(dir, routes, "upstream=" + upstream.url(""))) {
            service.post("/api/actions/alpha/execute", "{\"user\": {\"user_id\": \"1\"}}");
            service.context().addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:host").routeId("host-route").setBody(constant("host"));
                }
            });

            HttpResponse<String> up = service.get("/observe/health");

            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(up.body()).path("status").asText()).isEqualTo("UP");
            HealthCheckRegistry registry = HealthCheckRegistry.get(service.context());
            List<HealthCheck> checks = registry.stream().toList();
            List<String> actionChecks = List.of("route:" + ActionRoutes.routeId("alpha"), "consumer:" + ActionRoutes.routeId("alpha"));
            assertThat(checks).extracting(HealthCheck::getId).as("Camel has a check for each created action route and its consumer")
                    .containsAll(actionChecks).contains("route:host-route", "consumer:host-route", "context")
                    .as("beta was never called: its route is not created yet").doesNotContain("route:" + ActionRoutes.routeId("beta"));
            for (HealthCheck check : checks) {
                if (actionChecks.contains(check.getId())) {
                    assertThat(invocations(check)).as("%s called by the probe", check.getId()).isZero();
                } else {
                    assertThat(invocations(check)).as("%s called by the probe", check.getId()).isPositive();
                }
            }

            service.context().getRouteController().stopRoute("host-route");
            HttpResponse<String> down = service.get("/observe/health");

            assertThat(down.statusCode()).isEqualTo(503);
            JsonNode body = JSON.readTree(down.body());
            assertThat(body.path("status").asText()).isEqualTo("DOWN");
            assertThat(body.path("actions").asInt()).isEqualTo(2);
        }
    }

    private static int invocations(HealthCheck check) {
        Object count = check.getMetaData().get(HealthCheck.INVOCATION_COUNT);
        return count == null ? 0 : ((Number) count).intValue();
    }
}
