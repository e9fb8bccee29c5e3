package io.webhookactions.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webhookactions.app.WebhookActionsCli;
import io.webhookactions.secret.CertificateMaterial;
import io.webhookactions.secret.MasterKey;
import io.webhookactions.secret.SecretStore;
import io.webhookactions.testing.TestPki;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * SPEC §5.2: a client certificate with a wrong password fails its definition at load, naming the file, the pointer and
 * the problem, wherever definitions are loaded: a route file in a Camel host, {@code validate} and {@code serve}'s
 * start-up check. The password itself never appears.
 */
class CertificateAtLoadTest {

    private static final String WRONG_PASSWORD = "Not-The-Pa55word";
    private static final String EXPECTED = "bank.webhook.json: /authentication/certificate: certificate \"client_cert\": wrong password";
    private static String bundle;

    @TempDir
    Path dir;

    private Path routes;

    @BeforeAll
    static void certificate() {
        TestPki.Issued ca = TestPki.ca("CN=Test Client CA");
        TestPki.Issued client = TestPki.client(ca, "bank-client", TestPki.rsa(), Instant.now().plus(Duration.ofDays(10)));
        bundle = CertificateMaterial.bundle(TestPki.pkcs12(client, "the-right-one"), null);
    }

    @BeforeEach
    void definition() throws Exception {
        routes = Files.createDirectories(dir.resolve("routes"));
        Files.writeString(routes.resolve("bank.webhook.json"), "{\"name\": \"bank\", \"url\": \"https://localhost:1/balance\","
                + " \"authentication\": {\"type\": \"mtls\", \"certificate\": \"{secret.client_cert}\","
                + " \"password\": \"{secret.client_cert_password}\"}}");
    }

    @Test
    void aRouteFileInAHostFailsToLoadRatherThanOnItsFirstCall() throws Exception {
        try (DefaultCamelContext host = new DefaultCamelContext()) {
            host.getPropertiesComponent().addInitialProperty("webhook.secret.client_cert", bundle);
            host.getPropertiesComponent().addInitialProperty("webhook.secret.client_cert_password", WRONG_PASSWORD);

            assertThatThrownBy(() -> PluginHelper.getRoutesLoader(host).loadRoutes(ResourceHelper.resolveMandatoryResource(host,
                    "file:" + routes.resolve("bank.webhook.json"))))
                    .hasMessageContaining(EXPECTED)
                    .message().doesNotContain(WRONG_PASSWORD);
            assertThat(host.getRoutes()).isEmpty();
        }
    }

    @Test
    void validateAndServeSayTheSame() throws Exception {
        MasterKey.create(dir.resolve("master.key"));
        SecretStore store = SecretStore.open(dir.resolve("secrets.json"), dir.resolve("master.key"));
        store.setCertificate("client_cert", bundle, "CN=bank-client", "00", Instant.now().plus(Duration.ofDays(10)));
        store.set("client_cert_password", WRONG_PASSWORD);
        Path config = dir.resolve("application.properties");
        Files.writeString(config, "webhook.routes=" + routes + "\nwebhook.attributes-file=" + dir.resolve("none.json")
                + "\nwebhook.secrets-file=" + dir.resolve("secrets.json") + "\nwebhook.master-key-file=" + dir.resolve("master.key")
                + "\nwebhook.api.keys-file=" + dir.resolve("api-keys.json") + "\ncamel.server.port=0\n");

        for (String command : new String[] {"validate", "serve"}) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = WebhookActionsCli.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));

            int exit = cli.execute(command, "--config", config.toString());

            String printed = out + "\n" + err;
            assertThat(exit).as(command).isEqualTo(1);
            assertThat(printed).as(command).contains(routes.resolve(EXPECTED).toString()).doesNotContain(WRONG_PASSWORD);
        }
    }
}
