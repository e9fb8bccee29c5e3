package io.webhookactions.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.attribute.Context;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.response.ActionResult;
import io.webhookactions.runtime.Settings;
import io.webhookactions.testing.Engine;
import io.webhookactions.testing.Upstream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * SPEC §5.1: an upstream that verifies an HMAC-SHA256 signature over method, URL, timestamp and body hash
 * ({@code definitions/signed.webhook.json}).
 */
class HeaderAuthTest {

    private static final String SERVER_KEY = "k3y-known-to-the-server";

    /** Answers 200 only when the signature matches what it computes with its own copy of the key. */
    private static Upstream verifyingUpstream() throws Exception {
        Upstream upstream = new Upstream();
        return upstream.on("/orders", (exchange, body) -> {
            try {
                String url = upstream.url(exchange.getRequestURI().toString());
                String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                        .digest(body.getBytes(StandardCharsets.UTF_8)));
                String message = exchange.getRequestMethod() + "\n" + url + "\n"
                        + exchange.getRequestHeaders().getFirst("X-Timestamp") + "\n" + hash;
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(SERVER_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                String expected = Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
                boolean ok = expected.equals(exchange.getRequestHeaders().getFirst("X-Signature"))
                        && "Bearer api-t0ken".equals(exchange.getRequestHeaders().getFirst("Authorization"));
                Upstream.respond(exchange, ok ? 200 : 401, "application/json", "{\"verified\": " + ok + "}");
            } catch (Exception e) {
                throw new java.io.IOException(e);
            }
        });
    }

    private static ActionResult run(Upstream upstream, String signingKey) {
        Map<String, String> secrets = Map.of("signing_key", signingKey, "api_token", "api-t0ken");
        SecretSource source = name -> Optional.ofNullable(secrets.get(name));
        try (Engine engine = new Engine(Settings.defaults(source))) {
            engine.property("upstream", upstream.url("")).load("signed");
            return engine.execute("signed", "{\"user\": {\"sku\": \"A 1&2\", \"quantity\": 3}}");
        }
    }

    @Test
    void upstreamAcceptsTheSignatureMadeWithTheRightKey() throws Exception {
        try (Upstream upstream = verifyingUpstream()) {
            ActionResult result = run(upstream, SERVER_KEY);

            assertThat(result.statusCode()).isEqualTo(200);
            assertThat(result.attribute(Context.USER, "verified").booleanValue()).isTrue();
            Upstream.Received received = upstream.last();
            assertThat(received.header("X-Nonce")).as("a random v4 UUID")
                    .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(Long.parseLong(received.header("X-Timestamp"))).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(5L));
        }
    }

    @Test
    void upstreamRejectsTheSignatureMadeWithAWrongKey() throws Exception {
        try (Upstream upstream = verifyingUpstream()) {
            ActionResult result = run(upstream, "not-the-key");

            assertThat(result.statusCode()).isEqualTo(401);
            assertThat(result.success()).isFalse();
        }
    }

    @Test
    void shownRequestMasksSecretsAndEverythingDerivedFromThem() throws Exception {
        try (Upstream upstream = verifyingUpstream()) {
            ActionResult result = run(upstream, SERVER_KEY);

            Map<String, String> shown = result.request().headers();
            assertThat(shown.get("Authorization")).isEqualTo("Bearer " + SecretSource.MASK);
            assertThat(shown.get("X-Signature")).isEqualTo(SecretSource.MASK);
            assertThat(shown.get("X-Timestamp")).isEqualTo(upstream.last().header("X-Timestamp"));
            assertThat(shown.get("X-Nonce")).isEqualTo(upstream.last().header("X-Nonce"));
            assertThat(result.toJson().toString()).doesNotContain("api-t0ken").doesNotContain(SERVER_KEY)
                    .doesNotContain(upstream.last().header("X-Signature"));
        }
    }

    @Test
    void webhookContextDescribesTheRequestAsSent() throws Exception {
        try (Upstream upstream = new Upstream().on("/orders", Upstream.json(200, "{}"));
             Engine engine = new Engine()) {
            engine.property("upstream", upstream.url("")).load("described");

            assertThat(engine.execute("described", "{\"user\": {\"id\": \"7\"}}").success()).isTrue();

            Upstream.Received received = upstream.last();
            assertThat(received.header("X-Method")).isEqualTo("PUT");
            assertThat(received.header("X-Body")).isEqualTo(received.body()).isEqualTo("{\"id\":\"7\"}");
            assertThat(received.header("X-Content-Type")).isEqualTo("application/json");
            assertThat(received.header("X-Query")).isEqualTo("{\"id\":\"7\",\"tag\":\"a b\"}");
            assertThat(received.header("X-Headers")).isEqualTo("{\"X-Trace\":\"t-7\",\"Content-Type\":\"application/json\"}");
            assertThat(received.header("X-Url")).isEqualTo(upstream.url("/orders?id=7&tag=a%20b"));
        }
    }
}
