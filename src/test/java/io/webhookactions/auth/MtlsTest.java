package io.webhookactions.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.attribute.Context;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.response.ActionResult;
import io.webhookactions.runtime.Settings;
import io.webhookactions.secret.CertificateMaterial;
import io.webhookactions.testing.Engine;
import io.webhookactions.testing.TestPki;
import io.webhookactions.testing.TlsUpstream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SPEC §5.2 against a real HTTPS server that requires a client certificate, with the CA, server and
 * client certificates generated here. The same action is run with the client certificate in each format.
 */
class MtlsTest {

    private static TestPki.Issued serverCa;
    private static TestPki.Issued clientCa;
    private static KeyPair rsaKeys;
    private static KeyPair ecKeys;
    private static TestPki.Issued client;
    private static TestPki.Issued ecClient;
    private static TlsUpstream bank;
    private static TlsUpstream wrongName;

    @BeforeAll
    static void pki() throws Exception {
        serverCa = TestPki.ca("CN=Test Server CA");
        clientCa = TestPki.ca("CN=Test Client CA");
        rsaKeys = TestPki.rsa();
        ecKeys = TestPki.ec();
        Instant valid = Instant.now().plus(Duration.ofDays(10));
        client = TestPki.client(clientCa, "rsa-client", rsaKeys, valid);
        ecClient = TestPki.client(clientCa, "ec-client", ecKeys, valid);
        bank = new TlsUpstream(TestPki.serverContext(TestPki.server(serverCa, "localhost", "127.0.0.1"), serverCa, clientCa));
        wrongName = new TlsUpstream(TestPki.serverContext(TestPki.server(serverCa, "other.example"), serverCa, clientCa));
    }

    @AfterAll
    static void stop() {
        bank.close();
        wrongName.close();
    }

    /** The forms a client certificate secret can take, each with the password it needs. */
    enum Format {
        PKCS12 {
            Object[] material() {
                return new Object[] {CertificateMaterial.bundle(TestPki.pkcs12(client, "p12-pass", clientCa.certificate()), null), "p12-pass"};
            }
        },
        PEM_CHAIN_AND_PKCS8_KEY {
            Object[] material() {
                return new Object[] {pem(TestPki.pem(client.certificate(), clientCa.certificate()) + TestPki.pkcs8(rsaKeys.getPrivate())), ""};
            }
        },
        PEM_WITH_ENCRYPTED_PKCS8_KEY {
            Object[] material() {
                return new Object[] {pem(TestPki.pem(client.certificate()) + TestPki.encryptedPkcs8(rsaKeys.getPrivate(), "k-pass")), "k-pass"};
            }
        },
        PEM_WITH_TRADITIONAL_RSA_KEY {
            Object[] material() {
                return new Object[] {pem(TestPki.pem(client.certificate()) + TestPki.traditional(rsaKeys)), ""};
            }
        },
        PEM_WITH_TRADITIONAL_EC_KEY {
            Object[] material() {
                return new Object[] {pem(TestPki.pem(ecClient.certificate()) + TestPki.traditional(ecKeys)), ""};
            }
        },
        PEM_WITH_ENCRYPTED_TRADITIONAL_KEY {
            Object[] material() {
                return new Object[] {pem(TestPki.pem(client.certificate()) + TestPki.traditionalEncrypted(rsaKeys, "t-pass")), "t-pass"};
            }
        },
        CER_DER_AND_KEY_FILE {
            Object[] material() throws Exception {
                return new Object[] {CertificateMaterial.bundle(client.certificate().getEncoded(),
                        TestPki.pkcs8(rsaKeys.getPrivate()).getBytes(StandardCharsets.US_ASCII)), ""};
            }
        },
        CRT_PEM_AND_KEY_FILE {
            Object[] material() {
                return new Object[] {CertificateMaterial.bundle(TestPki.pem(client.certificate()).getBytes(StandardCharsets.US_ASCII),
                        TestPki.traditional(rsaKeys).getBytes(StandardCharsets.US_ASCII)), ""};
            }
        };

        abstract Object[] material() throws Exception;

        Object[] materialOrFail() {
            try {
                return material();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static String pem(String text) {
            return CertificateMaterial.bundle(text.getBytes(StandardCharsets.US_ASCII), null);
        }
    }

    private static ActionResult run(TlsUpstream upstream, String host, String bundle, String password, TestPki.Issued trustedCa) {
        Map<String, String> secrets = new HashMap<>(Map.of("client_cert", bundle, "client_cert_password", password));
        SecretSource source = name -> Optional.ofNullable(secrets.get(name));
        try (Engine engine = new Engine(Settings.defaults(source))) {
            engine.property("bank", "https://" + host + ":" + upstream.port())
                    .property("bank.ca", TestPki.base64Pem(trustedCa.certificate()))
                    .load("bank");
            return engine.execute("bank");
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void eachCertificateFormatAuthenticates(Format format) throws Exception {
        Object[] material = format.material();

        ActionResult result = run(bank, "localhost", (String) material[0], (String) material[1], serverCa);

        assertThat(result.error()).isNull();
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.attribute(Context.USER, "client").asText()).contains(format == Format.PEM_WITH_TRADITIONAL_EC_KEY
                ? "CN=ec-client" : "CN=rsa-client");
    }

    @Test
    void wrongPasswordIsAClearError() {
        ActionResult result = run(bank, "localhost", CertificateMaterial.bundle(TestPki.pkcs12(client, "right"), null), "not-the-password", serverCa);

        assertThat(result.success()).isFalse();
        assertThat(result.error()).contains("certificate \"client_cert\": wrong password").contains("not sent");
    }

    @Test
    void expiredClientCertificateIsRefusedBeforeSending() {
        TestPki.Issued expired = TestPki.client(clientCa, "old-client", rsaKeys, Instant.now().minus(Duration.ofDays(1)));
        int before = bank.requests();

        ActionResult result = run(bank, "localhost", CertificateMaterial.bundle(
                (TestPki.pem(expired.certificate()) + TestPki.pkcs8(rsaKeys.getPrivate())).getBytes(StandardCharsets.US_ASCII), null), "", serverCa);

        assertThat(result.error()).contains("client certificate \"client_cert\" expired on");
        assertThat(bank.requests()).isEqualTo(before);
    }

    @Test
    void untrustedServerFailsTheHandshake() {
        ActionResult result = run(bank, "localhost", (String) Format.PEM_CHAIN_AND_PKCS8_KEY.materialOrFail()[0], "", clientCa);

        assertThat(result.success()).isFalse();
        assertThat(result.statusCode()).isNull();
        assertThat(result.error()).contains("the server certificate of localhost:" + bank.port() + " is not trusted");
    }

    @Test
    void hostnameMismatchFailsTheHandshake() {
        ActionResult result = run(wrongName, "localhost", (String) Format.PEM_CHAIN_AND_PKCS8_KEY.materialOrFail()[0], "", serverCa);

        assertThat(result.success()).isFalse();
        assertThat(result.error()).contains("does not match that host name");
        assertThat(wrongName.requests()).isZero();
    }

    @Test
    void missingCertificateSecretIsAClearError() {
        Map<String, String> none = Map.of();
        try (Engine engine = new Engine(Settings.defaults(name -> Optional.ofNullable(none.get(name))))) {
            engine.property("upstream", "https://localhost:" + bank.port()).load("bank_without_certificate");

            assertThat(engine.execute("bank_without_certificate").error()).contains("client certificate secret \"client_cert\" does not exist");
        }
    }
}
