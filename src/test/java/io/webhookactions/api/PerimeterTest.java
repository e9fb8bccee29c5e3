package io.webhookactions.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.support.Json;
import io.webhookactions.testing.CapturedLogs;
import io.webhookactions.testing.KeysCommand;
import io.webhookactions.testing.ServiceUnderTest;
import io.webhookactions.testing.Upstream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §10 against the real running service: API keys with roles and action patterns, the browser rules
 * (Host, Origin, media type, security headers, JSON errors), pipelines bounded, the caller in the log line.
 * Every request goes to 127.0.0.1.
 */
class PerimeterTest {

    @TempDir
    static Path dir;

    private static Upstream upstream;
    private static ServiceUnderTest service;
    private static String viewer;
    private static String tester;
    private static String executor;
    private static String getOnly;

    @BeforeAll
    static void start() throws Exception {
        upstream = new Upstream().on("/v", Upstream.json(200, "{\"v\": 1}"));
        Path routes = Files.createDirectory(dir.resolve("routes"));
        for (String name : List.of("get_user", "get_order", "delete_user")) {
            Files.writeString(routes.resolve(name + ".webhook.json"), "{\"name\": \"" + name + "\", \"url\": \"{{upstream}}/v\"}");
        }
        service = ServiceUnderTest.start(dir, routes, "upstream=" + upstream.url(""));
        viewer = keys("create", "dashboards", "--role", "viewer");
        tester = keys("create", "qa", "--role", "tester");
        executor = keys("create", "ci-runner", "--role", "executor");
        getOnly = keys("create", "reader-bot", "--role", "executor", "--actions", "get_*");
    }

    @AfterAll
    static void stop() {
        service.close();
        upstream.close();
    }

    private static String keys(String... args) {
        return KeysCommand.run(service, args);
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    @Test
    void aKeyIsPrintedOnceAndOnlyItsSaltedHashIsStored() throws Exception {
        assertThat(viewer).startsWith("wa_").hasSizeGreaterThanOrEqualTo(3 + 32).matches("wa_[A-Za-z0-9_-]+");
        String stored = Files.readString(dir.resolve("api-keys.json"));
        assertThat(stored).doesNotContain(viewer.substring(3)).contains("\"salt\"").contains("\"sha256\"").contains("\"role\" : \"viewer\"");
        assertThat(keys("list")).contains("dashboards").contains("viewer").doesNotContain(viewer);
    }

    @Test
    void withKeysEveryApiRequestNeedsAValidToken() throws Exception {
        HttpResponse<String> none = service.get("/api/actions");
        HttpResponse<String> wrong = service.get("/api/actions", "Authorization", bearer("wa_not-a-key-at-all-xxxxxxxxxxxxxxxxxxxxx"));
        HttpResponse<String> basic = service.get("/api/actions", "Authorization", "Basic dXNlcjpwYXNz");

        for (HttpResponse<String> response : List.of(none, wrong, basic)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
            assertThat(Json.mapper().readTree(response.body()).path("error").asText()).isNotBlank();
        }
        assertThat(none.body()).contains("keys create");
        assertThat(service.get("/api/actions", "Authorization", bearer(viewer)).statusCode()).isEqualTo(200);
        assertThat(service.get("/observe/health").statusCode()).as("health stays open").isEqualTo(200);
        assertThat(service.get("/observe/metrics").statusCode()).as("metrics need viewer").isEqualTo(401);
        assertThat(service.get("/observe/metrics", "Authorization", bearer(viewer)).statusCode()).isEqualTo(200);
    }

    @Test
    void rolesAreCumulative() throws Exception {
        assertThat(service.post("/api/actions/get_user/test", "{}", "Authorization", bearer(viewer)).statusCode()).isEqualTo(403);
        assertThat(service.post("/api/actions/get_user/test", "{}", "Authorization", bearer(tester)).statusCode()).isEqualTo(200);
        assertThat(service.post("/api/actions/get_user/execute", "{}", "Authorization", bearer(tester)).statusCode()).isEqualTo(403);
        assertThat(service.post("/api/actions/get_user/execute", "{}", "Authorization", bearer(executor)).statusCode()).isEqualTo(200);
        assertThat(service.post("/api/pipelines/execute", "{\"actions\": [\"get_user\"]}", "Authorization", bearer(tester))
                .statusCode()).isEqualTo(403);
        assertThat(service.post("/api/pipelines/execute", "{\"actions\": [\"get_user\"]}", "Authorization", bearer(executor))
                .statusCode()).isEqualTo(200);
        HttpResponse<String> denied = service.post("/api/actions/get_user/test", "{}", "Authorization", bearer(viewer));
        assertThat(Json.mapper().readTree(denied.body()).path("error").asText())
                .isEqualTo("the role viewer of dashboards does not allow this; it needs tester");
    }

    @Test
    void anActionPatternLimitsWhatAKeyMayRunAndList() throws Exception {
        assertThat(service.post("/api/actions/get_order/execute", "{}", "Authorization", bearer(getOnly)).statusCode()).isEqualTo(200);
        assertThat(service.post("/api/actions/delete_user/execute", "{}", "Authorization", bearer(getOnly)).statusCode()).isEqualTo(403);
        assertThat(service.post("/api/pipelines/execute", "{\"actions\": [\"get_user\", \"delete_user\"]}", "Authorization",
                bearer(getOnly)).statusCode()).isEqualTo(403);
        JsonNode listed = Json.mapper().readTree(service.get("/api/actions", "Authorization", bearer(getOnly)).body());
        assertThat(listed).extracting(item -> item.path("name").asText()).containsExactly("get_order", "get_user");
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnceAndUseIsRecorded() throws Exception {
        String temporary = keys("create", "temporary", "--role", "tester");
        assertThat(service.post("/api/actions/get_user/test", "{}", "Authorization", bearer(temporary)).statusCode()).isEqualTo(200);
        io.webhookactions.testing.Eventually.await(java.time.Duration.ofSeconds(10), "the last use is recorded",
                () -> keys("list").lines().anyMatch(line -> line.startsWith("temporary") && !line.endsWith("never")));

        keys("revoke", "temporary");

        assertThat(service.post("/api/actions/get_user/test", "{}", "Authorization", bearer(temporary)).statusCode()).isEqualTo(401);
    }

    @Test
    void theCallerIsNamedInTheExecutionLogLine() throws Exception {
        try (CapturedLogs logs = new CapturedLogs(Level.INFO)) {
            service.post("/api/actions/get_user/test", "{}", "Authorization", bearer(tester));

            assertThat(logs.lines("io.webhookactions.execution")).anySatisfy(line ->
                    assertThat(line).startsWith("action=get_user caller=qa method=GET"));
        }
    }

    @Test
    void aForeignOriginIsRefusedAndTheServersOwnOriginAccepted() throws Exception {
        HttpResponse<String> foreign = service.post("/api/actions/get_user/test", "{}", "Authorization", bearer(tester),
                "Origin", "http://evil.example");
        HttpResponse<String> own = service.post("/api/actions/get_user/test", "{}", "Authorization", bearer(tester),
                "Origin", "http://127.0.0.1:" + service.port());

        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("http://evil.example").contains("webhook.api.allowed-origins");
        assertThat(own.statusCode()).isEqualTo(200);
    }

    @Test
    void onlyTheJsonMediaTypeIsAcceptedForBodies() throws Exception {
        HttpResponse<String> plain = service.post("/api/actions/get_user/test", "{}", "Authorization", bearer(tester),
                "Content-Type", "text/plain; x=json");
        HttpResponse<String> form = service.post("/api/actions/get_user/test", "{}", "Authorization", bearer(tester),
                "Content-Type", "application/x-www-form-urlencoded");
        HttpResponse<String> jsonWithCharset = service.post("/api/actions/get_user/test", "{}", "Authorization", bearer(tester),
                "Content-Type", "application/json; charset=utf-8");

        assertThat(plain.statusCode()).isEqualTo(415);
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(jsonWithCharset.statusCode()).isEqualTo(200);
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndEveryErrorIsJson() throws Exception {
        HttpResponse<String> page = service.get("/");
        HttpResponse<String> missing = service.get("/no/such/thing");
        HttpResponse<String> wrongMethod = service.get("/api/actions/get_user/test", "Authorization", bearer(tester));
        HttpResponse<String> unauthorized = service.get("/api/actions");

        for (HttpResponse<String> response : List.of(page, missing, wrongMethod, unauthorized)) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(response.headers().firstValue("Content-Security-Policy")).contains("default-src 'self'");
            assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(response.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        }
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Json.mapper().readTree(missing.body()).path("error").asText()).startsWith("nothing at /no/such/thing");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).contains("POST");
        assertThat(Json.mapper().readTree(wrongMethod.body()).path("error").asText()).isEqualTo("GET is not allowed on"
                + " /api/actions/get_user/test; use POST");
    }

    @Test
    void anUnknownActionSuggestsTheClosestNameAmongThoseTheKeyMayUse() throws Exception {
        HttpResponse<String> typo = service.post("/api/actions/delete_usr/execute", "{}", "Authorization", bearer(executor));
        HttpResponse<String> scoped = service.post("/api/actions/get_usr/execute", "{}", "Authorization", bearer(getOnly));
        HttpResponse<String> probing = service.post("/api/actions/get_delete_user/execute", "{}", "Authorization", bearer(getOnly));

        assertThat(typo.statusCode()).isEqualTo(404);
        assertThat(Json.mapper().readTree(typo.body()).path("error").asText())
                .isEqualTo("no webhook action named \"delete_usr\"; did you mean \"delete_user\"?");
        assertThat(Json.mapper().readTree(scoped.body()).path("error").asText())
                .isEqualTo("no webhook action named \"get_usr\"; did you mean \"get_user\"?");
        assertThat(probing.statusCode()).isEqualTo(404);
        assertThat(probing.body()).as("a key limited to get_* never learns other names").doesNotContain("\"delete_user\"");
    }

    @Test
    void aPipelineLongerThanTheLimitIsRefused() throws Exception {
        String actions = "[" + "\"get_user\",".repeat(20) + "\"get_user\"]";

        HttpResponse<String> response = service.post("/api/pipelines/execute", "{\"actions\": " + actions + "}", "Authorization",
                bearer(executor));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("at most 20 actions (webhook.pipelines.max-actions); this one has 21");
    }
}
