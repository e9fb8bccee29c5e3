package io.webhookactions.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.attribute.Context;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.response.ActionResult;
import io.webhookactions.testing.Engine;
import io.webhookactions.testing.Eventually;
import io.webhookactions.testing.Upstream;
import io.webhookactions.host.HostPolicy;
import io.webhookactions.runtime.Settings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.time.Duration;
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
        // A call cut off by its deadline is aborted by the sweeper, which releases its connection on its own thread,
        // just after the result is returned: wait for that, not for an instant.
        Eventually.await(Duration.ofSeconds(5), "no connection is left leased", () -> engine.actions().poolStats()[1] == 0);
        engine.close();
        upstream.close();
    }

    /** Runs {@code definitions/NAME.webhook.json} once, its {@code {{upstream}}} being the loopback upstream. */
    private ActionResult run(String definition) {
        engine.property("upstream", upstream.url("")).load(definition);
        return engine.execute(definition);
    }

    /** Runs {@code NAME.webhook.json} with {@code {{upstream}}} pointing at a port where nothing listens. */
    private ActionResult runAgainstAClosedPort(String definition, int port) {
        engine.property("upstream", "http://127.0.0.1:" + port).load(definition);
        return engine.execute(definition);
    }

    private static void assertFailed(ActionResult result, String reason) {
        String action = result.action();
        assertThat(result.success()).isFalse();
        assertThat(result.statusCode()).isNull();
        assertThat(result.response()).isNull();
        assertThat(result.attribute(Context.USER, action + "_action_success").booleanValue()).isFalse();
        assertThat(result.attribute(Context.USER, "action_success").booleanValue()).isFalse();
        assertThat(result.attribute(Context.USER, action + "_status_code")).isNull();
        assertThat(result.error()).contains(reason);
        assertThat(result.attribute(Context.USER, action + "_error").asText()).isEqualTo(result.error());
    }

    @Test
    void connectionRefusedIsAResult() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        ActionResult result = runAgainstAClosedPort("call_refused", port);

        assertFailed(result, "could not connect to 127.0.0.1:" + port + " (connection refused)");
    }

    @Test
    void unknownHostIsAResult() {
        ActionResult result = run("call_unknown_host");

        assertFailed(result, "could not resolve host no-such-host.invalid");
    }

    @Test
    void slowResponseTimesOutWithinTheBudget() {
        upstream.on("/slow", (exchange, body) -> {
            sleep(3000);
            Upstream.respond(exchange, 200, "application/json", "{}");
        });

        ActionResult result = run("call_slow");

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

        ActionResult result = run("call_trickle");

        assertFailed(result, "timed out after 800 ms");
        assertThat(result.durationMs()).isBetween(750L, 2000L);
    }

    @Test
    void bodyLargerThanTheLimitIsRefusedByContentLength() {
        upstream.on("/big", Upstream.json(200, "{\"x\": \"" + "a".repeat(100_000) + "\"}"));

        ActionResult result = run("call_big");

        assertFailed(result, "response body is larger than 65536 bytes (webhook.max-response-bytes)");
        assertThat(result.attribute(Context.USER, "raw")).isNull();
    }

    @Test
    void aCompressedBodyIsLimitedByWhatItDecodesTo() throws IOException {
        // 20 MB of spaces gzip to about 20 KB: under the limit as sent, 300 times over it decoded. HttpClient decodes
        // before the guard's limit counts (the guard is first in its chain), so a small bomb cannot fill the heap.
        byte[] bomb = gzip(" ".repeat(20 * 1024 * 1024));
        assertThat(bomb.length).isLessThan(64 * 1024);
        upstream.on("/big", gzipped(bomb));

        ActionResult result = run("call_big");

        assertFailed(result, "response body is larger than 65536 bytes (webhook.max-response-bytes)");
        assertThat(result.attribute(Context.USER, "raw")).isNull();
    }

    @Test
    void aCompressedBodyWithinTheLimitIsMappedDecoded() throws IOException {
        byte[] small = gzip("{\"ok\": true}");
        upstream.on("/big", gzipped(small));

        ActionResult result = run("call_big");

        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.attribute(Context.USER, "raw").asText()).isEqualTo("{\"ok\": true}");
    }

    /** Answers 200 with {@code gzip} as a gzip-encoded JSON body. */
    private static Upstream.Handler gzipped(byte[] gzip) {
        return (exchange, body) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            exchange.sendResponseHeaders(200, gzip.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(gzip);
            }
        };
    }

    private static byte[] gzip(String text) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream zip = new java.util.zip.GZIPOutputStream(out)) {
            zip.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return out.toByteArray();
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

        ActionResult result = run("call_endless");

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

        ActionResult result = run("call_busy_retry");

        assertThat(result.success()).isTrue();
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(upstream.requestCount()).isEqualTo(2);
        assertThat(result.durationMs()).as("waited for Retry-After: 1").isGreaterThanOrEqualTo(1000L);
    }

    @Test
    void retryStopsAtMaxAttemptsAndMapsTheLastResponse() {
        upstream.on("/down", Upstream.json(500, "{\"attempt\": \"last\"}"));

        ActionResult result = run("call_down_retry");

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

        ActionResult result = run("call_later_retry");

        assertThat(upstream.requestCount()).isEqualTo(1);
        assertThat(result.statusCode()).isEqualTo(503);
        assertThat(result.durationMs()).isLessThan(1000L);
    }

    @Test
    void noRetryWithoutARetryBlock() {
        upstream.on("/flaky", Upstream.json(503, "{}"));

        run("call_flaky");

        assertThat(upstream.requestCount()).isEqualTo(1);
    }

    @Test
    void retryOnNetworkErrorsTriesAgain() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        ActionResult result = runAgainstAClosedPort("call_refused_retry", port);

        assertThat(result.error()).contains("connection refused");
        assertThat(result.durationMs()).as("two backoffs of at least 25 and 50 ms").isGreaterThanOrEqualTo(75L);
    }

    @Test
    void metadataAddressIsNeverCalled() {
        ActionResult result = run("call_metadata");

        assertFailed(result, "host 169.254.169.254 is denied by webhook.denied-hosts; the request was not sent");
        assertThat(result.request().url()).isEqualTo("http://169.254.169.254/latest/meta-data/");
    }

    @Test
    void aNameThatResolvesToADeniedAddressIsRefusedBeforeConnecting() {
        upstream.on("/x", Upstream.json(200, "{}"));
        try (Engine guarded = new Engine(Settings.defaults(SecretSource.none()).withHosts(HostPolicy.of("", "127.0.0.0/8")).withMaxResponseBytes(1024))) {
            guarded.property("upstream", "http://localhost:" + upstream.port()).load("call_by_name");

            ActionResult result = guarded.execute("call_by_name");

            assertThat(result.success()).isFalse();
            assertThat(result.error()).contains("host resolves to 127.0.0.1, which is denied by webhook.denied-hosts");
            assertThat(upstream.requestCount()).isZero();
        }
    }

    @Test
    void hostAttributeThatIsNotAHostFailsBeforeSending() {
        engine.load("call_host_attribute");

        ActionResult result = engine.execute("call_host_attribute", "{\"global\": {\"host\": \"evil.com/x?\"}}");

        assertFailed(result, "the value of {global.host} in the host of the URL is not a valid host name");
        assertThat(result.request()).isNull();
    }

    @Test
    void lineBreakInAHeaderValueFailsBeforeSending() {
        upstream.on("/h", Upstream.json(200, "{}"));
        engine.property("upstream", upstream.url("")).load("call_header");

        ActionResult result = engine.execute("call_header", "{\"user\": {\"name\": \"a\\r\\nX-Injected: 1\"}}");

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
            quick.property("upstream", upstream.url("")).load("call_default_timeout");

            ActionResult result = quick.execute("call_default_timeout");

            assertThat(result.error()).contains("timed out after 300 ms");
        }
    }
}
