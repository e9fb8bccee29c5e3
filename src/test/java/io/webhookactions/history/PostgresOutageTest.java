package io.webhookactions.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.support.Json;
import io.webhookactions.testing.Eventually;
import io.webhookactions.testing.PostgresServer;
import io.webhookactions.testing.ServiceUnderTest;
import io.webhookactions.testing.ThrowAwayPostgres;
import io.webhookactions.testing.Upstream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §13 "a database that is down makes records wait or drop, never executions fail": the service records into a
 * real PostgreSQL server (its password given as a {{property}}), the server is stopped mid-run and started again.
 * Executions go on succeeding at their usual pace, what the small queue cannot hold is counted in
 * {@code webhook_history_dropped_total}, and recording resumes once the server is back.
 */
class PostgresOutageTest {

    @TempDir
    static Path dir;

    private static final Pattern DROPPED = Pattern.compile("(?m)^webhook_history_dropped_total(?:\\{[^}]*})? ([0-9.E+]+)$");
    @RegisterExtension
    static final ThrowAwayPostgres POSTGRES = new ThrowAwayPostgres("history");
    private static Upstream upstream;
    private static ServiceUnderTest service;

    @BeforeAll
    static void start() throws Exception {
        PostgresServer postgres = POSTGRES.server();
        String url = postgres.createDatabase("history");
        upstream = new Upstream().on("/users", Upstream.json(200, "{\"name\": \"ada\"}"));
        Path routes = Files.createDirectory(dir.resolve("routes"));
        Files.writeString(routes.resolve("get_user.webhook.json"), "{\"name\": \"get_user\", \"url\": \"{{upstream}}/users/{user_id}\"}");
        service = ServiceUnderTest.start(dir, routes, String.join("\n", "upstream=" + upstream.url(""),
                "webhook.history.url=" + url, "webhook.history.username=" + postgres.user(), "history.db.password=" + postgres.password(),
                "webhook.history.password={{history.db.password}}", "webhook.history.queue-size=5"));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void executionsSucceedWhilePostgresIsDownAndTheHistoryResumesWhenItIsBack() throws Exception {
        for (int i = 0; i < 3; i++) {
            execute("before-" + i);
        }
        awaitRecorded(3);

        POSTGRES.server().stop();
        // For a second at least: the writer gathers what arrives within 100 ms into the batch it then keeps retrying;
        // five more wait in the queue; everything after that is dropped.
        long slowest = 0;
        int during = 0;
        long began = System.nanoTime();
        while (during < 20 || System.nanoTime() - began < 1_000_000_000L) {
            long started = System.nanoTime();
            execute("during-" + during++);
            slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
        }
        HttpResponse<String> listWhileDown = service.get("/api/executions");
        double dropped = dropped();

        assertThat(slowest).as("ms of the slowest execution while the database was down").isLessThan(2_000);
        assertThat(listWhileDown.statusCode()).isEqualTo(503);
        assertThat(Json.mapper().readTree(listWhileDown.body()).get("error").asText()).contains("not available");
        assertThat(dropped).isGreaterThan(0).isLessThan(during);

        POSTGRES.server().start();
        // Every record of the outage is either written once the server is back or counted as dropped.
        awaitRecorded(3 + during - (long) dropped);
        execute("after");
        awaitRecorded(3 + during - (long) dropped + 1);
        assertThat(dropped()).isEqualTo(dropped);
    }

    private static void execute(String user) throws Exception {
        HttpResponse<String> response = service.post("/api/actions/get_user/execute", "{\"user\": {\"user_id\": \"" + user + "\"}}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(response.body()).at("/attributes/user/get_user_action_success").asBoolean()).isTrue();
    }

    private static void awaitRecorded(long count) {
        Eventually.await(Duration.ofSeconds(30), count + " executions in the history", () -> {
            try {
                HttpResponse<String> response = service.get("/api/executions?limit=500");
                if (response.statusCode() != 200) {
                    return false;
                }
                JsonNode items = Json.mapper().readTree(response.body()).get("items");
                return items.size() == count;
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static double dropped() throws Exception {
        String metrics = service.get("/observe/metrics").body();
        Matcher matcher = DROPPED.matcher(metrics);
        assertThat(matcher.find()).as("webhook_history_dropped_total in\n" + metrics).isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
