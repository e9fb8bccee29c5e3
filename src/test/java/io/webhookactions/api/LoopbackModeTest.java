package io.webhookactions.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.testing.RawHttp;
import io.webhookactions.testing.ServiceUnderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as the quick start runs it: no keys, no OIDC, so it listens on 127.0.0.1 only, needs no token,
 * and answers only requests addressed to itself (a DNS-rebinding page names another host).
 */
class LoopbackModeTest {

    @TempDir
    static Path dir;

    private static ServiceUnderTest service;

    @BeforeAll
    static void start() throws Exception {
        Path routes = Files.createDirectory(dir.resolve("routes"));
        Files.writeString(routes.resolve("a.webhook.json"), "{\"name\": \"a\", \"url\": \"http://127.0.0.1:9/x\"}");
        service = ServiceUnderTest.start(dir, routes, "webhook.api.allowed-hosts=panel.internal");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void itListensOnLoopbackByDefaultAndSaysWhereOnceItDoes() {
        MainHttpServer server = service.context().hasService(MainHttpServer.class);

        assertThat(server.getHost()).isEqualTo("127.0.0.1");
        assertThat(server.getPort()).isEqualTo(service.port());
        assertThat(service.output()).isEqualTo("webhook-actions: testing panel and API on http://127.0.0.1:" + service.port() + "/\n");
    }

    @Test
    void withoutKeysTheApiNeedsNoToken() throws Exception {
        assertThat(service.get("/api/actions").statusCode()).isEqualTo(200);
        assertThat(service.post("/api/actions/a/execute", "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void aRequestForAnotherHostNameIsRefusedAsDnsRebinding() throws Exception {
        RawHttp.Answer rebound = RawHttp.get(service.port(), "/api/actions", "attacker.example:" + service.port());

        assertThat(rebound.status()).isEqualTo(421);
        assertThat(rebound.text()).contains("attacker.example").contains("webhook.api.allowed-hosts");
        assertThat(RawHttp.get(service.port(), "/api/actions", "localhost:" + service.port()).status()).isEqualTo(200);
        assertThat(RawHttp.get(service.port(), "/api/actions", "panel.internal").status()).as("listed in webhook.api.allowed-hosts")
                .isEqualTo(200);
    }
}
