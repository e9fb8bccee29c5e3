package io.webhookactions.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webhookactions.secret.CertificateMaterial;
import io.webhookactions.secret.MasterKey;
import io.webhookactions.secret.SecretStore;
import io.webhookactions.testing.ServiceUnderTest;
import io.webhookactions.testing.TestPki;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS for the API (SPEC §10): the server certificate is a PKCS#12 in the secret store, never a file in the
 * clear; once it is configured the API answers over HTTPS only.
 */
class ApiTlsTest {

    @TempDir
    Path dir;

    @Test
    void theApiIsServedOverHttpsWithTheCertificateFromTheSecretStore() throws Exception {
        TestPki.Issued ca = TestPki.ca("CN=API CA");
        TestPki.Issued server = TestPki.server(ca, "localhost");
        MasterKey.create(dir.resolve("master.key"));
        SecretStore store = SecretStore.open(dir.resolve("secrets.json"), dir.resolve("master.key"));
        byte[] p12 = TestPki.pkcs12(server, "p12-password", ca.certificate());
        CertificateMaterial material = CertificateMaterial.read("api_tls", p12, null, "p12-password");
        store.setCertificate("api_tls", CertificateMaterial.bundle(p12, null), material.leaf().getSubjectX500Principal().getName(),
                material.fingerprint(), material.leaf().getNotAfter().toInstant());
        store.set("api_tls_password", "p12-password");
        Path routes = Files.createDirectory(dir.resolve("routes"));
        Files.writeString(routes.resolve("a.webhook.json"), "{\"name\": \"a\", \"url\": \"http://127.0.0.1:9/x\"}");

        try (ServiceUnderTest service = ServiceUnderTest.start(dir, routes,
                "webhook.api.tls.keystore-secret=api_tls\nwebhook.api.tls.password-secret=api_tls_password")) {
            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(ca)).connectTimeout(Duration.ofSeconds(5)).build();
            URI https = URI.create("https://localhost:" + service.port() + "/api/actions");

            HttpResponse<String> answer = trusting.send(HttpRequest.newBuilder(https).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"name\":\"a\"");
            assertThat(service.output()).contains("https://127.0.0.1:" + service.port() + "/");
            assertThatThrownBy(() -> service.get("/api/actions")).as("plain HTTP is not answered").isInstanceOf(IOException.class);
        }
    }

    private static SSLContext trusting(TestPki.Issued ca) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
