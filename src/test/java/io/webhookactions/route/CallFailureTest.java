package io.webhookactions.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.attribute.Context;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.response.ActionResult;
import io.webhookactions.testing.Engine;
import io.webhookactions.testing.Upstream;
import io.webhookactions.host.HostPolicy;
import io.webhookactions.runtime.Settings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Executions that receive no usable response become results with {@code N_error}, within the action's
 * time budget, and leave no connection leased.
 */
class CallFailureTest {

    private Upstream upstream;
    private Engine engine;

    @BeforeEach
    void start() throws IOException {
        upstream = new Upstream();
        engine = new Engine(Settings.defaults(SecretSource.none()).withMaxResponseBytes(64 * 1024));
    }

    @AfterEach
    void stop() {
        assertThat(engine.actions().poolStats()[1]).as("leased connections after the test").isZero();
        engine.close();
        upstream.close();
    }

    private ActionResult run(String url, int timeoutMs, String extra) {
        engine.add("{\"name\": \"call\", \"url\": \"" + url + "\", \"timeout_ms\": " + timeoutMs + extra + "}");
        return engine.execute("call");
    }

    private static void assertFailed(ActionResult result, String reason) {
        assertThat(result.success()).isFalse();
        assertThat(result.statusCode()).isNull();
        assertThat(result.response()).isNull();
        assertThat(result.attribute(Context.USER, "call_action_success").booleanValue()).isFalse();
        assertThat(result.attribute(Context.USER, "action_success").booleanValue()).isFalse();
        assertThat(result.attribute(Context.USER, "call_status_code")).isNull();
        assertThat(result.error()).contains(reason);
        assertThat(result.attribute(Context.USER, "call_error").asText()).isEqualTo(result.error());
    }

    @Test
    void connectionRefusedIsAResult() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        ActionResult result = run("http://127.0.0.1:" + port + "/x", 2000, "");

        assertFailed(result, "could not connect to 127.0.0.1:" + port + " (connection refused)");
    }

    @Test
    void unknownHostIsAResult() {
        ActionResult result = run("http://no-such-host.invalid/x", 3000, "");

        assertFailed(result, "could not resolve host no-such-host.invalid");
    }

    @Test
    void slowResponseTimesOutWithinTheBudget() {
        upstream.on("/slow", (exchange, body) -> {
            sleep(3000);
            Upstream.respond(exchange, 200, "application/json", "{}");
        });

        ActionResult result = run(upstream.url("/slow"), 500, "");

        assertFailed(result, "timed out after 500 ms");
        assertThat(result.durationMs()).isBetween(450L, 1500L);
    }

    @Test
    void slowTrickleBodyPastTheTimeoutIsCutOff() {
        upstream.on("/trickle", (exchange, body) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write(' ');
                    out.flush();
                    sleep(100);
                }
            }
        });

        ActionResult result = run(upstream.url("/trickle"), 800, "");

        assertFailed(result, "timed out after 800 ms");
        assertThat(result.durationMs()).isBetween(750L, 2000L);
    }

    @Test
    void bodyLargerThanTheLimitIsRefusedByContentLength() {
        upstream.on("/big", Upstream.json(200, "{\"x\": \"" + "a".repeat(100_000) + "\"}"));

        ActionResult result = run(upstream.url("/big"), 5000, ", \"response\": {\"2xx\": {\"raw_response\": \"raw\"}}");

        assertFailed(result, "response body is larger than 65536 bytes (webhook.max-response-bytes)");
        assertThat(result.attribute(Context.USER, "raw")).isNull();
    }

    @Test
    void endlessChunkedBodyIsCutOffAtTheLimitNotDrained() {
        upstream.on("/endless", (exchange, body) -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[8192];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 1_000_000; i++) {
                    out.write(chunk);
                }
            }
        });

        ActionResult result = run(upstream.url("/endless"), 20_000, "");

        assertFailed(result, "response body is larger than 65536 bytes");
        assertThat(result.durationMs()).as("aborted, not read to the end or to the timeout").isLessThan(5000L);
    }

    @Test
    void retryOn503HonoursRetryAfter() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        upstream.on("/busy", (exchange, body) -> {
            if (calls.incrementAndGet() == 1) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                Upstream.respond(exchange, 503, "application/json", "{\"busy\": true}");
            } else {
                Upstream.respond(exchange, 200, "application/json", "{\"ok\": true}");
            }
        });

        ActionResult result = run(upstream.url("/busy"), 5000,
                ", \"retry\": {\"max_attempts\": 3, \"on\": [\"5xx\"], \"backoff_ms\": 10}");

        assertThat(result.success()).isTrue();
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(upstream.requestCount()).isEqualTo(2);
        assertThat(result.durationMs()).as("waited for Retry-After: 1").isGreaterThanOrEqualTo(1000L);
    }

    @Test
    void retryStopsAtMaxAttemptsAndMapsTheLastResponse() {
        upstream.on("/down", Upstream.json(500, "{\"attempt\": \"last\"}"));

        ActionResult result = run(upstream.url("/down"), 5000,
                ", \"retry\": {\"max_attempts\": 3, \"on\": [\"5xx\"], \"backoff_ms\": 10}, "
                        + "\"response\": {\"5xx\": {\"outputs\": {\"attempt\": \"attempt\"}}}");

        assertThat(upstream.requestCount()).isEqualTo(3);
        assertThat(result.statusCode()).isEqualTo(500);
        assertThat(result.attribute(Context.USER, "attempt").asText()).isEqualTo("last");
    }

    @Test
    void retryNeverWaitsPastTheTimeout() {
        upstream.on("/later", (exchange, body) -> {
            exchange.getResponseHeaders().set("Retry-After", "30");
            Upstream.respond(exchange, 503, "application/json", "{}");
        });

        ActionResult result = run(upstream.url("/later"), 1000, ", \"retry\": {\"max_attempts\": 5, \"on\": [\"5xx\"]}");

        assertThat(upstream.requestCount()).isEqualTo(1);
        assertThat(result.statusCode()).isEqualTo(503);
        assertThat(result.durationMs()).isLessThan(1000L);
    }

    @Test
    void noRetryWithoutARetryBlock() {
        upstream.on("/flaky", Upstream.json(503, "{}"));

        run(upstream.url("/flaky"), 2000, "");

        assertThat(upstream.requestCount()).isEqualTo(1);
    }

    @Test
    void retryOnNetworkErrorsTriesAgain() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        ActionResult result = run("http://127.0.0.1:" + port + "/x", 2000,
                ", \"retry\": {\"max_attempts\": 3, \"on\": [\"network\"], \"backoff_ms\": 50}");

        assertThat(result.error()).contains("connection refused");
        assertThat(result.durationMs()).as("two backoffs of at least 25 and 50 ms").isGreaterThanOrEqualTo(75L);
    }

    @Test
    void metadataAddressIsNeverCalled() {
        ActionResult result = run("http://169.254.169.254/latest/meta-data/", 2000, "");

        assertFailed(result, "host 169.254.169.254 is denied by webhook.denied-hosts; the request was not sent");
        assertThat(result.request().url()).isEqualTo("http://169.254.169.254/latest/meta-data/");
    }

    @Test
    void aNameThatResolvesToADeniedAddressIsRefusedBeforeConnecting() {
        upstream.on("/x", Upstream.json(200, "{}"));
        try (Engine guarded = new Engine(Settings.defaults(SecretSource.none()).withHosts(HostPolicy.of("", "127.0.0.0/8")).withMaxResponseBytes(1024))) {
            guarded.add("{\"name\": \"local\", \"url\": \"http://localhost:" + upstream.port() + "/x\"}");

            ActionResult result = guarded.execute("local");

            assertThat(result.success()).isFalse();
            assertThat(result.error()).contains("host resolves to 127.0.0.1, which is denied by webhook.denied-hosts");
            assertThat(upstream.requestCount()).isZero();
        }
    }

    @Test
    void hostAttributeThatIsNotAHostFailsBeforeSending() {
        engine.add("{\"name\": \"call\", \"url\": \"http://{global.host}/x\"}");

        ActionResult result = engine.execute("call", "{\"global\": {\"host\": \"evil.com/x?\"}}");

        assertFailed(result, "the value of {global.host} in the host of the URL is not a valid host name");
        assertThat(result.request()).isNull();
    }

    @Test
    void lineBreakInAHeaderValueFailsBeforeSending() {
        upstream.on("/h", Upstream.json(200, "{}"));
        engine.add("{\"name\": \"call\", \"url\": \"" + upstream.url("/h") + "\", \"headers\": {\"X-Name\": \"{name}\"}}");

        ActionResult result = engine.execute("call", "{\"user\": {\"name\": \"a\\r\\nX-Injected: 1\"}}");

        assertFailed(result, "header X-Name: the rendered value contains a line break or NUL");
        assertThat(upstream.requestCount()).isZero();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void actionWithoutTimeoutUsesTheServiceDefault() {
        upstream.on("/slow2", (exchange, body) -> {
            sleep(3000);
            Upstream.respond(exchange, 200, "application/json", "{}");
        });
        try (Engine quick = new Engine(Settings.defaults(SecretSource.none()).withMaxResponseBytes(1024).withDefaultTimeoutMs(300))) {
            quick.add("{\"name\": \"call\", \"url\": \"" + upstream.url("/slow2") + "\"}");

            ActionResult result = quick.execute("call");

            assertThat(result.error()).contains("timed out after 300 ms");
        }
    }
}
