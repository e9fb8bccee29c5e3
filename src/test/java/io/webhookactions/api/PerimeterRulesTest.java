package io.webhookactions.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.testing.RawHttp;
import io.webhookactions.testing.KeysCommand;
import io.webhookactions.testing.ServiceUnderTest;
import io.webhookactions.testing.Upstream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * More of SPEC §10 on a service with keys and both browser lists set: the admin role, what a viewer may read,
 * an origin listed in {@code webhook.api.allowed-origins}, and {@code webhook.api.allowed-hosts} still applied
 * once auth applies. Every request goes to 127.0.0.1.
 */
class PerimeterRulesTest {

    @TempDir
    static Path dir;

    private static Upstream upstream;
    private static ServiceUnderTest service;
    private static String admin;
    private static String viewer;
    private static String tester;

    @BeforeAll
    static void start() throws Exception {
        upstream = new Upstream().on("/v", Upstream.json(200, "{\"v\": 1}"));
        Path routes = Files.createDirectory(dir.resolve("routes"));
        Files.writeString(routes.resolve("get_user.webhook.json"), "{\"name\": \"get_user\", \"url\": \"{{upstream}}/v\"}");
        service = ServiceUnderTest.start(dir, routes, "upstream=" + upstream.url("")
                + "\nwebhook.api.allowed-origins=https://portal.example.com\nwebhook.api.allowed-hosts=webhooks.internal.example");
        admin = keys("create", "ops", "--role", "admin");
        viewer = keys("create", "dashboards", "--role", "viewer");
        tester = keys("create", "qa", "--role", "tester");
    }

    @AfterAll
    static void stop() {
        service.close();
        upstream.close();
    }

    private static String keys(String... args) {
        return KeysCommand.run(service, args);
    }

    @Test
    void anAdminMayDoEverything() throws Exception {
        String auth = "Bearer " + admin;

        assertThat(service.get("/api/actions", "Authorization", auth).statusCode()).isEqualTo(200);
        assertThat(service.get("/api/problems", "Authorization", auth).statusCode()).isEqualTo(200);
        assertThat(service.get("/observe/metrics", "Authorization", auth).statusCode()).isEqualTo(200);
        assertThat(service.post("/api/actions/get_user/test", "{}", "Authorization", auth).statusCode()).isEqualTo(200);
        assertThat(service.post("/api/actions/get_user/execute", "{}", "Authorization", auth).statusCode()).isEqualTo(200);
        assertThat(service.post("/api/pipelines/execute", "{\"actions\": [\"get_user\"]}", "Authorization", auth).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aViewerReadsTheListTheProblemsAndThePanelButRunsNothing() throws Exception {
        String auth = "Bearer " + viewer;

        assertThat(service.get("/api/actions", "Authorization", auth).statusCode()).isEqualTo(200);
        assertThat(service.get("/api/problems", "Authorization", auth).statusCode()).isEqualTo(200);
        assertThat(service.get("/api/problems").statusCode()).as("without a token").isEqualTo(401);
        assertThat(service.get("/").statusCode()).as("the page itself asks for the key").isEqualTo(200);
        assertThat(service.post("/api/actions/get_user/test", "{}", "Authorization", auth).statusCode()).isEqualTo(403);
        assertThat(service.post("/api/actions/get_user/execute", "{}", "Authorization", auth).statusCode()).isEqualTo(403);
    }

    @Test
    void anOriginListedInAllowedOriginsIsAcceptedAndOthersAreNot() throws Exception {
        HttpResponse<String> listed = service.post("/api/actions/get_user/test", "{}", "Authorization", "Bearer " + tester,
                "Origin", "https://portal.example.com");
        HttpResponse<String> lookalike = service.post("/api/actions/get_user/test", "{}", "Authorization", "Bearer " + tester,
                "Origin", "https://portal.example.com.evil.example");
        HttpResponse<String> otherScheme = service.post("/api/actions/get_user/test", "{}", "Authorization", "Bearer " + tester,
                "Origin", "http://portal.example.com");

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(lookalike.statusCode()).isEqualTo(403);
        assertThat(otherScheme.statusCode()).isEqualTo(403);
    }

    @Test
    void withAuthTheAllowedHostsListStillAppliesWhenSet() throws Exception {
        String auth = "Bearer " + viewer;

        RawHttp.Answer rebound = RawHttp.get(service.port(), "/api/actions", "attacker.example", "Authorization", auth);
        RawHttp.Answer listed = RawHttp.get(service.port(), "/api/actions", "webhooks.internal.example", "Authorization", auth);
        RawHttp.Answer bound = RawHttp.get(service.port(), "/api/actions", "127.0.0.1:" + service.port(), "Authorization", auth);

        assertThat(rebound.status()).isEqualTo(421);
        assertThat(rebound.text()).contains("attacker.example").contains("webhook.api.allowed-hosts");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(bound.status()).isEqualTo(200);
    }
}
