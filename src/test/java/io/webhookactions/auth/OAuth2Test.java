package io.webhookactions.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.response.ActionResult;
import io.webhookactions.host.HostPolicy;
import io.webhookactions.runtime.Settings;
import io.webhookactions.testing.Engine;
import io.webhookactions.testing.Eventually;
import io.webhookactions.testing.Upstream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SPEC §5.3 against a real token endpoint that counts its requests and an API that checks the token. */
class OAuth2Test {

    private Upstream server;
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicReference<String> tokenAnswer = new AtomicReference<>();
    private volatile long expiresIn = 3600;
    private volatile int minimumAcceptedToken = 1;
    private volatile long tokenDelayMs;

    @BeforeEach
    void start() throws Exception {
        server = new Upstream()
                .on("/oauth/token", (exchange, body) -> {
                    int n = tokensIssued.incrementAndGet();
                    if (tokenDelayMs > 0) {
                        pause(tokenDelayMs);
                    }
                    String fixed = tokenAnswer.get();
                    if (fixed != null) {
                        String[] parts = fixed.split(" ", 2);
                        Upstream.respond(exchange, Integer.parseInt(parts[0]), "application/json", parts[1]);
                        return;
                    }
                    String scope = "";
                    for (String pair : body.split("&")) {
                        if (pair.startsWith("scope=")) {
                            scope = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
                        }
                    }
                    Upstream.respond(exchange, 200, "application/json", "{\"access_token\": \"tok-" + n + "-" + scope.replace(' ', '_')
                            + "\", \"token_type\": \"Bearer\", \"expires_in\": " + expiresIn + "}");
                })
                .on("/api", (exchange, body) -> {
                    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                    boolean ok = authorization != null && authorization.startsWith("Bearer tok-")
                            && Integer.parseInt(authorization.substring(11, authorization.indexOf('-', 11))) >= minimumAcceptedToken;
                    Upstream.respond(exchange, ok ? 200 : 401, "application/json", "{\"ok\": " + ok + "}");
                });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Engine engine(Duration refreshMargin) {
        Map<String, String> secrets = Map.of("client_secret", "s3cret:&=value");
        SecretSource source = name -> Optional.ofNullable(secrets.get(name));
        return new Engine(Settings.defaults(source).withRefreshMargin(refreshMargin)).property("upstream", server.url(""));
    }

    private long apiCalls() {
        return server.requests().stream().filter(r -> r.uri().startsWith("/api")).count();
    }

    @Test
    void thousandExecutionsMakeOneTokenRequest() {
        try (Engine engine = engine(Duration.ofSeconds(30))) {
            engine.load("oauth_things_scoped");
            for (int i = 0; i < 1000; i++) {
                assertThat(engine.execute("oauth_things_scoped").statusCode()).isEqualTo(200);
            }
            assertThat(tokensIssued.get()).isEqualTo(1);
            assertThat(engine.actions().tokens().stats().hitCount()).isEqualTo(999);
        }
    }

    @Test
    void sixtyFourConcurrentFirstExecutionsMakeOneTokenRequest() throws Exception {
        tokenDelayMs = 300;
        try (Engine engine = engine(Duration.ofSeconds(30))) {
            engine.load("oauth_things");
            ExecutorService pool = Executors.newFixedThreadPool(64);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<ActionResult>> results = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return engine.execute("oauth_things");
                    }));
                }
                start.countDown();
                for (Future<ActionResult> result : results) {
                    assertThat(result.get().statusCode()).isEqualTo(200);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(tokensIssued.get()).isEqualTo(1);
        }
    }

    @Test
    void expiryCausesExactlyOneRefresh() {
        expiresIn = 2;
        try (Engine engine = engine(Duration.ofSeconds(1))) {
            engine.load("oauth_things");
            engine.execute("oauth_things");
            assertThat(tokensIssued.get()).isEqualTo(1);

            Eventually.await(Duration.ofSeconds(10), "the token is refreshed", () -> {
                engine.execute("oauth_things");
                return tokensIssued.get() == 2;
            });
            for (int i = 0; i < 20; i++) {
                engine.execute("oauth_things");
            }
            assertThat(tokensIssued.get()).isEqualTo(2);
        }
    }

    @Test
    void unauthorizedApiAnswerGetsOneNewTokenAndOneRetry() {
        try (Engine engine = engine(Duration.ofSeconds(30))) {
            engine.load("oauth_things");
            assertThat(engine.execute("oauth_things").statusCode()).isEqualTo(200);
            minimumAcceptedToken = 2;

            ActionResult result = engine.execute("oauth_things");

            assertThat(result.statusCode()).isEqualTo(200);
            assertThat(tokensIssued.get()).isEqualTo(2);
            assertThat(apiCalls()).isEqualTo(3);
        }
    }

    @Test
    void unauthorizedAgainAfterRenewalIsMappedNotLooped() {
        try (Engine engine = engine(Duration.ofSeconds(30))) {
            engine.load("oauth_things");
            minimumAcceptedToken = 1000;

            ActionResult result = engine.execute("oauth_things");

            assertThat(result.statusCode()).isEqualTo(401);
            assertThat(tokensIssued.get()).isEqualTo(2);
            assertThat(apiCalls()).isEqualTo(2);
        }
    }

    @Test
    void twoScopesGetTwoTokens() {
        try (Engine engine = engine(Duration.ofSeconds(30))) {
            engine.load("oauth_reader");
            engine.load("oauth_writer");
            for (int i = 0; i < 5; i++) {
                engine.execute("oauth_reader");
                engine.execute("oauth_writer");
            }
            assertThat(tokensIssued.get()).isEqualTo(2);
            assertThat(server.requests()).filteredOn(r -> r.uri().equals("/oauth/token"))
                    .extracting(Upstream.Received::body)
                    .containsExactlyInAnyOrder("grant_type=client_credentials&scope=api.read",
                            "grant_type=client_credentials&scope=api.read+api.write");
        }
    }

    @Test
    void basicClientAuthSendsUrlEncodedCredentialsInTheHeader() {
        try (Engine engine = engine(Duration.ofSeconds(30))) {
            engine.load("oauth_things");
            engine.execute("oauth_things");

            Upstream.Received token = server.requests().get(0);
            String credentials = new String(Base64.getDecoder().decode(token.header("Authorization").substring(6)), StandardCharsets.UTF_8);
            assertThat(credentials).isEqualTo("client+one:s3cret%3A%26%3Dvalue");
            assertThat(token.body()).isEqualTo("grant_type=client_credentials");
            assertThat(token.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        }
    }

    @Test
    void bodyClientAuthSendsTheCredentialsInTheForm() {
        try (Engine engine = engine(Duration.ofSeconds(30))) {
            engine.load("oauth_things_body_auth");
            engine.execute("oauth_things_body_auth");

            Upstream.Received token = server.requests().get(0);
            assertThat(token.header("Authorization")).isNull();
            assertThat(token.body()).isEqualTo("grant_type=client_credentials&client_id=client+one&client_secret=s3cret%3A%26%3Dvalue");
        }
    }

    @Test
    void tokenEndpointFailuresAreClearAndNotHammered() {
        String[][] cases = {
            {"500 {\"error\": \"server_error\"}", "answered 500 (server_error)"},
            {"200 <html>oops</html>", "answered with a body that is not JSON"},
            {"200 {\"token_type\": \"Bearer\"}", "answered without an access_token"},
            // HttpClient would turn the line break into a space and send a mangled token; a hostile endpoint must not
            // get to shape the API request's header lines either way.
            {"200 {\"access_token\": \"t-1\\r\\nX-Injected: yes\"}", "answered an access_token with a character that is not"
                + " visible ASCII at position 4; a bearer token must be"},
            {"200 {\"access_token\": \"t-é\"}", "answered an access_token with a character that is not visible ASCII at position 3"},
            {"200 {\"access_token\": \"t 1\"}", "answered an access_token with a character that is not visible ASCII at position 2"},
        };
        for (String[] failure : cases) {
            tokenAnswer.set(failure[0]);
            tokensIssued.set(0);
            try (Engine engine = engine(Duration.ofSeconds(30))) {
                engine.load("oauth_things");

                ActionResult first = engine.execute("oauth_things");
                ActionResult second = engine.execute("oauth_things");

                assertThat(first.success()).isFalse();
                assertThat(first.statusCode()).isNull();
                assertThat(first.error()).contains("token endpoint " + server.url("/oauth/token") + " " + failure[1]);
                assertThat(second.error()).isEqualTo(first.error());
                assertThat(tokensIssued.get()).as("failure cached for a few seconds").isEqualTo(1);
            }
        }
        assertThat(apiCalls()).isZero();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
