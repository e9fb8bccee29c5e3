package io.webhookactions.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.testing.Eventually;
import io.webhookactions.testing.ServiceUnderTest;
import io.webhookactions.testing.Upstream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History reads run on threads of their own (SPEC §10, §13): they answer while every execution slot is taken. */
class HistoryReadsBesideExecutionsTest {

    @TempDir
    static Path dir;

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static Upstream upstream;
    private static ServiceUnderTest service;

    @BeforeAll
    static void start() throws Exception {
        upstream = new Upstream().on("/slow", (exchange, body) -> {
            try {
                RELEASE.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Upstream.respond(exchange, 200, "application/json", "{}");
        });
        Path routes = Files.createDirectory(dir.resolve("routes"));
        Files.writeString(routes.resolve("slow_call.webhook.json"), "{\"name\": \"slow_call\", \"url\": \"{{upstream}}/slow\"}");
        service = ServiceUnderTest.start(dir, routes, "upstream=" + upstream.url("") + "\nwebhook.executions.max-concurrent=1");
    }

    @AfterAll
    static void stop() {
        RELEASE.countDown();
        service.close();
        upstream.close();
    }

    @Test
    void historyReadsAnswerWhileEveryExecutionSlotIsTaken() throws Exception {
        // max-concurrent=1: one execution runs and one waits, both behind the slow upstream.
        List<CompletableFuture<HttpResponse<String>>> running = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            running.add(CLIENT.sendAsync(HttpRequest.newBuilder(service.uri("/api/actions/slow_call/execute"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Eventually.await(Duration.ofSeconds(10), "the slow upstream is called", () -> upstream.requestCount() > 0);

        long started = System.nanoTime();
        HttpResponse<String> list = service.get("/api/executions?limit=1");
        HttpResponse<String> csv = service.get("/api/executions.csv");
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(running).noneMatch(CompletableFuture::isDone);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).isEqualTo("{\"items\":[],\"next\":null}");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(millis).isLessThan(5_000);
        RELEASE.countDown();
        for (CompletableFuture<HttpResponse<String>> call : running) {
            assertThat(call.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        Eventually.await(Duration.ofSeconds(20), "both executions recorded", () -> {
            try {
                return service.get("/api/executions").body().split("\"slow_call\"", -1).length == 3;
            } catch (Exception e) {
                return false;
            }
        });
    }
}
