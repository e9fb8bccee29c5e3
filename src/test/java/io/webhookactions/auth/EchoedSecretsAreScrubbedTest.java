package io.webhookactions.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.response.ActionResult;
import io.webhookactions.runtime.Settings;
import io.webhookactions.secret.CertificateMaterial;
import io.webhookactions.testing.CapturedLogs;
import io.webhookactions.testing.Echo;
import io.webhookactions.testing.Engine;
import io.webhookactions.testing.TestPki;
import io.webhookactions.testing.TlsUpstream;
import io.webhookactions.testing.Upstream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * SPEC §11 scrubbing, against the worst upstream there is: one that echoes every request header, the query and
 * the body back, in its response headers and body. Through every authentication type (signed headers with a
 * bearer secret and a protected property, OAuth2, mTLS with a certificate password), with every logger at
 * TRACE, the secrets, the token, and their base64 forms appear nowhere in the test response, the outputs, the
 * raw response or the log — even when a caller passes a secret's value in as an attribute to have it echoed.
 */
class EchoedSecretsAreScrubbedTest {

    private static final String SIGNING_KEY = "SIGNING-KEY-5e0a77";
    private static final String API_TOKEN = "API-TOKEN-c1d2e3f4";
    private static final String PARTNER_KEY = "PARTNER-KEY-0b1c2d";
    private static final String CLIENT_SECRET = "CLIENT-SECRET-8899aa";
    private static final String ACCESS_TOKEN = "ACCESS-TOKEN-77ff1e";
    private static final String CERT_PASSWORD = "CERT-PASSWORD-3a4b5c";

    @Test
    void everyAuthenticationTypesSecretsAreScrubbedFromAnEchoingUpstreamsAnswerAndTheTraceLog() throws Exception {
        TestPki.Issued ca = TestPki.ca("CN=Echo CA");
        KeyPair keys = TestPki.rsa();
        TestPki.Issued client = TestPki.client(ca, "echo-client", keys, Instant.now().plus(Duration.ofDays(3)));
        String bundle = CertificateMaterial.bundle((TestPki.pem(client.certificate())
                + TestPki.encryptedPkcs8(keys.getPrivate(), CERT_PASSWORD)).getBytes(StandardCharsets.US_ASCII), null);
        Map<String, String> secrets = Map.of("signing_key", SIGNING_KEY, "api_token", API_TOKEN, "client_secret", CLIENT_SECRET,
                "client_cert", bundle, "cert_password", CERT_PASSWORD);
        SecretSource source = name -> Optional.ofNullable(secrets.get(name));
        List<String> shown = new ArrayList<>();

        try (Upstream upstream = new Upstream()
                .on("/echo", Echo.handler())
                .on("/oauth/token", Upstream.json(200, "{\"access_token\": \"" + ACCESS_TOKEN + "\", \"expires_in\": 3600}"));
             TlsUpstream bank = new TlsUpstream(TestPki.serverContext(TestPki.server(ca, "localhost"), ca, ca), true);
             Engine engine = new Engine(Settings.defaults(source));
             CapturedLogs logs = new CapturedLogs(Level.TRACE, "org.apache.camel", "org.apache.hc", "io.webhookactions")) {
            engine.property("upstream", upstream.url("")).property("partner.api-key", PARTNER_KEY)
                    .property("bank", "https://localhost:" + bank.port()).property("bank.ca", TestPki.base64Pem(ca.certificate()));
            engine.load("echo_signed").load("echo_oauth").load("echo_mtls");

            ActionResult signed = engine.execute("echo_signed", "{\"user\": {\"note\": \"" + API_TOKEN + "\"}}");
            ActionResult oauth = engine.execute("echo_oauth", "{\"user\": {\"note\": \"" + ACCESS_TOKEN + "\"}}");
            ActionResult mtls = engine.execute("echo_mtls", "{\"user\": {\"note\": \"" + CERT_PASSWORD + "\"}}");

            for (ActionResult result : List.of(signed, oauth, mtls)) {
                assertThat(result.success()).as("%s: %s", result.action(), result.error()).isTrue();
                shown.add(result.toJson().toString());
                shown.add(String.valueOf(result.response().headers()));
            }
            assertThat(upstream.requests()).as("the credentials really went out")
                    .anySatisfy(received -> assertThat(received.header("Authorization")).isEqualTo("Bearer " + API_TOKEN))
                    .anySatisfy(received -> assertThat(received.header("X-Api-Key")).isEqualTo(PARTNER_KEY))
                    .anySatisfy(received -> assertThat(received.header("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN));
            assertThat(signed.response().headers()).as("the echo was there to be scrubbed").containsKey("Echo-authorization");
            assertThat(signed.attributesJson().path("user").path("echoed_authorization").asText()).as("the whole credential")
                    .isEqualTo("••••••••");
            assertThat(signed.attributesJson().path("user").path("echoed_key").asText()).isEqualTo("••••••••");
            assertThat(mtls.attributesJson().path("user").path("echoed_body").asText()).contains("••••••••");
            shown.add(logs.text());
        }
        String everything = String.join("\n", shown);
        for (String secret : List.of(SIGNING_KEY, API_TOKEN, PARTNER_KEY, CLIENT_SECRET, ACCESS_TOKEN, CERT_PASSWORD)) {
            assertThat(everything).as("the secret itself").doesNotContain(secret);
            assertThat(everything).as("its base64 form").doesNotContain(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
