package io.webhookactions.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.response.ActionResult;
import io.webhookactions.runtime.Settings;
import io.webhookactions.secret.CertificateMaterial;
import io.webhookactions.testing.CapturedLogs;
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
 * Every authentication flow runs with every logger at TRACE (Camel, HttpClient wire and headers, ours).
 * No secret value, token, credential or value derived from a secret may appear in the log, in a result,
 * or in a failure's message.
 */
class SecretLeakTest {

    private static final String SIGNING_KEY = "SIGNING-KEY-d81f";
    private static final String API_TOKEN = "API-TOKEN-77aa";
    private static final String CLIENT_SECRET = "CLIENT-SECRET-4c0e";
    private static final String CERT_PASSWORD = "CERT-PASSWORD-9b2d";
    private static final String ISSUED_TOKEN = "ISSUED-ACCESS-TOKEN-e5f1";

    @Test
    void noFlowLeaksASecretAtAnyLogLevel() throws Exception {
        TestPki.Issued ca = TestPki.ca("CN=Leak CA");
        KeyPair keys = TestPki.rsa();
        TestPki.Issued client = TestPki.client(ca, "leak-client", keys, Instant.now().plus(Duration.ofDays(3)));
        String privateKeyPem = TestPki.encryptedPkcs8(keys.getPrivate(), CERT_PASSWORD);
        String bundle = CertificateMaterial.bundle((TestPki.pem(client.certificate()) + privateKeyPem).getBytes(StandardCharsets.US_ASCII), null);
        Map<String, String> secrets = Map.of("signing_key", SIGNING_KEY, "api_token", API_TOKEN, "client_secret", CLIENT_SECRET,
                "client_cert", bundle, "cert_password", CERT_PASSWORD, "wrong_password", "WRONG-PASSWORD-1d3c");
        SecretSource source = name -> Optional.ofNullable(secrets.get(name));
        List<String> forbidden = new ArrayList<>(List.of(SIGNING_KEY, API_TOKEN, CLIENT_SECRET, CERT_PASSWORD, ISSUED_TOKEN,
                "WRONG-PASSWORD-1d3c", Base64.getEncoder().encodeToString(("client:" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)),
                privateKeyPem.lines().skip(1).findFirst().orElseThrow()));
        List<String> shown = new ArrayList<>();

        try (Upstream upstream = new Upstream()
                .on("/signed", Upstream.json(200, "{\"ok\": true}"))
                .on("/oauth/token", Upstream.json(200, "{\"access_token\": \"" + ISSUED_TOKEN + "\", \"expires_in\": 3600}"))
                .on("/refusing", Upstream.json(401, "{\"error\": \"nope\"}"));
             TlsUpstream bank = new TlsUpstream(TestPki.serverContext(TestPki.server(ca, "localhost"), ca, ca));
             Engine engine = new Engine(Settings.defaults(source));
             CapturedLogs logs = new CapturedLogs(Level.TRACE, "org.apache.camel", "org.apache.hc", "io.webhookactions")) {
            engine.property("upstream", upstream.url("")).load("leak_signed").load("leak_oauth_ok").load("leak_oauth_refused");
            engine.property("bank", "https://localhost:" + bank.port()).property("bank.ca", TestPki.base64Pem(ca.certificate()))
                    .load("leak_mtls_ok").load("leak_mtls_wrong_password");

            for (String action : List.of("leak_signed", "leak_oauth_ok", "leak_oauth_refused", "leak_mtls_ok", "leak_mtls_wrong_password")) {
                ActionResult result = engine.execute(action);
                shown.add(result.toJson().toString());
                shown.add(String.valueOf(result.error()));
            }
            assertThat(shown.get(0)).contains("\"status_code\":200");
            assertThat(shown.get(2)).contains("\"status_code\":200");
            assertThat(shown.get(6)).contains("\"status_code\":200");
            assertThat(shown.get(9)).contains("wrong password");
            forbidden.add(upstream.requests().get(0).header("X-Sig"));
            forbidden.add(upstream.requests().get(0).header("X-Key"));

            String everything = logs.text() + "\n" + String.join("\n", shown);
            assertThat(logs.events()).as("the test really logged at TRACE").hasSizeGreaterThan(100);
            for (String secret : forbidden) {
                assertThat(everything).as("leaked: %s", secret).doesNotContain(secret);
            }
        }
    }
}
