package io.webhookactions.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.testing.ServiceUnderTest;
import io.webhookactions.testing.Upstream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executions run on their own bounded pool (SPEC §10): while 100 executions hang on an upstream that never
 * answers, the health report, the panel and the action list still answer at once; beyond the pool and its
 * queue, an execution is refused with 503 and Retry-After instead of piling up.
 */
class IsolationTest {

    @TempDir
    Path dir;

    @Test
    void healthThePanelAndTheListAnswerWithinTwoHundredMillisecondsWhileAHundredExecutionsHang() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger entered = new AtomicInteger();
        try (Upstream upstream = new Upstream().on("/hang", (exchange, body) -> {
            entered.incrementAndGet();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Upstream.respond(exchange, 200, "application/json", "{}");
        })) {
            Path routes = Files.createDirectory(dir.resolve("routes"));
            Files.writeString(routes.resolve("hang.webhook.json"), "{\"name\": \"hang\", \"url\": \"" + upstream.url("/hang")
                    + "\", \"timeout_ms\": 60000}");
            try (ServiceUnderTest service = ServiceUnderTest.start(dir, routes, "")) {
                for (String path : List.of("/observe/health", "/", "/api/actions")) {
                    assertThat(service.get(path).statusCode()).as("warmed up: classes loaded, nothing cold").isEqualTo(200);
                }
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                List<CompletableFuture<HttpResponse<String>>> hanging = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    hanging.add(client.sendAsync(HttpRequest.newBuilder(service.uri("/api/actions/hang/test"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                            HttpResponse.BodyHandlers.ofString()));
                }
                try {
                    io.webhookactions.testing.Eventually.await(java.time.Duration.ofSeconds(30), "64 executions are at the upstream",
                            () -> entered.get() >= 64);

                    for (String path : List.of("/observe/health", "/", "/api/actions")) {
                        long start = System.nanoTime();
                        HttpResponse<String> answer = service.get(path);
                        long millis = (System.nanoTime() - start) / 1_000_000;
                        assertThat(answer.statusCode()).as(path).isEqualTo(200);
                        assertThat(millis).as("%s answered in %d ms", path, millis).isLessThan(200);
                    }
                    assertThat(hanging).as("none of the 100 was refused: 64 run and 36 wait").noneMatch(CompletableFuture::isDone);
                } finally {
                    release.countDown();
                }
                for (CompletableFuture<HttpResponse<String>> execution : hanging) {
                    assertThat(execution.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
                }
            }
        }
    }

    @Test
    void beyondThePoolAndItsQueueAnExecutionIsRefusedWith503AndRetryAfter() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Upstream upstream = new Upstream().on("/hang", (exchange, body) -> {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Upstream.respond(exchange, 200, "application/json", "{}");
        })) {
            Path routes = Files.createDirectory(dir.resolve("routes"));
            Files.writeString(routes.resolve("hang.webhook.json"), "{\"name\": \"hang\", \"url\": \"" + upstream.url("/hang") + "\"}");
            try (ServiceUnderTest service = ServiceUnderTest.start(dir, routes, "webhook.executions.max-concurrent=2")) {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    calls.add(client.sendAsync(HttpRequest.newBuilder(service.uri("/api/actions/hang/execute"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                            HttpResponse.BodyHandlers.ofString()));
                }
                io.webhookactions.testing.Eventually.await(java.time.Duration.ofSeconds(20), "two run and two wait",
                        () -> upstream.requestCount() == 2);

                HttpResponse<String> refused;
                try {
                    refused = service.post("/api/actions/hang/execute", "{}");
                } finally {
                    release.countDown();
                }

                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).contains("1");
                assertThat(refused.body()).contains("webhook.executions.max-concurrent");
                for (CompletableFuture<HttpResponse<String>> call : calls) {
                    assertThat(call.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
                }
            }
        }
    }
}
