package io.webhookactions.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.testing.Engine;
import io.webhookactions.testing.Eventually;
import io.webhookactions.testing.ServiceUnderTest;
import io.webhookactions.testing.Upstream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping {@code serve} lets an execution that is in flight finish and answer. */
class GracefulShutdownTest {

    @TempDir
    Path dir;

    @Test
    void inFlightExecutionFinishesDuringShutdown() throws Exception {
        CountDownLatch upstreamEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (Upstream upstream = new Upstream().on("/slow", (exchange, body) -> {
            upstreamEntered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Upstream.respond(exchange, 200, "application/json", "{\"done\": true}");
        })) {
            Path routes = Files.createDirectory(dir.resolve("routes"));
            Files.copy(Engine.DEFINITIONS.resolve("shutdown/slow.webhook.json"), routes.resolve("slow.webhook.json"));
            ServiceUnderTest service = ServiceUnderTest.start(dir, routes, "upstream=" + upstream.url(""));
            int port = service.port();
            HttpClient client = HttpClient.newHttpClient();
            URI list = URI.create("http://127.0.0.1:" + port + "/api/actions");
            Eventually.await(Duration.ofSeconds(20), "the API answers", () -> {
                try {
                    return client.send(HttpRequest.newBuilder(list).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                } catch (Exception e) {
                    return false;
                }
            });

            CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/actions/slow/test"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(upstreamEntered.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(service::stop);
            // Each probe gives up after a second: one sent before the shutdown began is a second slow execution, held by
            // the upstream like the first, and must not keep the probes from seeing the refusal.
            Eventually.await(Duration.ofSeconds(10), "the service refuses new executions while it shuts down", () -> {
                try {
                    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/actions/slow/test"))
                            .timeout(Duration.ofSeconds(1))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 503;
                } catch (Exception e) {
                    return false;
                }
            });
            assertThat(inFlight).as("the execution under way is not cut off").isNotDone();
            release.countDown();

            HttpResponse<String> response = inFlight.get(20, TimeUnit.SECONDS);
            stopping.get(40, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"success\":true").contains("{\\\"done\\\": true}");
        }
    }
}
