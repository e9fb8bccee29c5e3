package io.webhookactions.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.response.ActionResult;
import io.webhookactions.runtime.Settings;
import io.webhookactions.testing.Engine;
import io.webhookactions.testing.Upstream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * SPEC §11: an API that refuses even a freshly fetched token (401 right after the renewal) does not get a token
 * request per call: for 5 s calls for that token key fail at once, saying the API rejects fresh tokens.
 */
class FreshTokenRefusedTest {

    @Test
    void anApiThatRejectsFreshTokensIsNotAnsweredWithATokenRequestPerCall() throws Exception {
        AtomicInteger issued = new AtomicInteger();
        try (Upstream upstream = new Upstream()
                .on("/oauth/token", (exchange, body) -> Upstream.respond(exchange, 200, "application/json",
                        "{\"access_token\": \"token-" + issued.incrementAndGet() + "\", \"expires_in\": 3600}"))
                .on("/api/things", Upstream.json(401, "{\"error\": \"invalid_token\"}"));
             Engine engine = new Engine(Settings.defaults(name -> Optional.ofNullable(Map.of("client_secret", "s3cret-value").get(name))))) {
            engine.property("upstream", upstream.url("")).load("oauth_things");

            ActionResult first = engine.execute("oauth_things");
            int tokensAfterFirst = issued.get();
            int callsAfterFirst = upstream.requestCount();
            ActionResult second = engine.execute("oauth_things");

            assertThat(first.statusCode()).as("the first call renews once and reports the API's answer").isEqualTo(401);
            assertThat(tokensAfterFirst).as("one token, one renewal").isEqualTo(2);
            assertThat(second.statusCode()).isNull();
            assertThat(second.error()).isEqualTo("the API rejects freshly issued OAuth2 tokens (401 right after a renewal); no new"
                    + " token is requested for 5 s; the request was not sent");
            assertThat(issued.get()).as("no token request in the window").isEqualTo(2);
            assertThat(upstream.requestCount()).as("nothing sent in the window").isEqualTo(callsAfterFirst);
        }
    }
}
