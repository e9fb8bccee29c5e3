package io.webhookactions.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.testing.TestPki;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code secrets} commands as a user runs them; values never appear in their output. */
class SecretsCommandTest {

    @TempDir
    Path dir;

    private Path config;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void config() throws Exception {
        io.webhookactions.secret.MasterKey.create(dir.resolve("master.key"));
        config = dir.resolve("application.properties");
        Files.writeString(config, "webhook.secrets-file=" + dir.resolve("secrets.json") + "\nwebhook.master-key-file="
                + dir.resolve("master.key") + "\n");
    }

    private int run(String stdin, String... args) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            CommandLine cli = WebhookActionsCli.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            String[] all = new String[args.length + 3];
            all[0] = "secrets";
            all[1] = "--config";
            all[2] = config.toString();
            System.arraycopy(args, 0, all, 3, args.length);
            return cli.execute(all);
        } finally {
            System.setIn(original);
        }
    }

    @Test
    void setListAndDeleteNeverPrintTheValue() {
        assertThat(run("hunter2-value\n", "set", "api_token")).isZero();
        assertThat(run("", "list")).isZero();
        assertThat(run("", "delete", "api_token")).isZero();
        assertThat(run("", "delete", "api_token")).isEqualTo(1);

        assertThat(out.toString().lines()).containsExactly("stored secret api_token", String.format("%-32s %s", "api_token", "text"),
                "deleted secret api_token");
        assertThat(err.toString()).contains("there is no secret \"api_token\"");
    }

    @Test
    void importCertShowsSubjectFingerprintAndExpiry() throws Exception {
        TestPki.Issued ca = TestPki.ca("CN=CLI CA");
        java.security.KeyPair keys = TestPki.rsa();
        TestPki.Issued client = TestPki.client(ca, "cli-client", keys, Instant.now().plus(Duration.ofDays(5)));
        Path p12 = dir.resolve("client.p12");
        Files.write(p12, TestPki.pkcs12(client, "pfx-pass"));
        run("pfx-pass\n", "set", "cert_password");

        int exit = run("", "import-cert", "client_cert", p12.toString(), "--password-secret", "cert_password");
        run("", "list");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("client_cert").contains("certificate").contains("subject=CN=cli-client")
                .contains("sha256=").contains("expires=" + client.certificate().getNotAfter().toInstant());
    }

    @Test
    void importWithAWrongPasswordSaysSo() throws Exception {
        TestPki.Issued ca = TestPki.ca("CN=CLI CA");
        TestPki.Issued client = TestPki.client(ca, "c", TestPki.rsa(), Instant.now().plus(Duration.ofDays(5)));
        Path p12 = dir.resolve("client.p12");
        Files.write(p12, TestPki.pkcs12(client, "right"));
        run("wrong\n", "set", "pw");

        int exit = run("", "import-cert", "client_cert", p12.toString(), "--password-secret", "pw");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("certificate \"client_cert\": wrong password");
    }

    @Test
    void withoutAMasterKeyItSaysHowToCreateOne() throws Exception {
        Files.delete(dir.resolve("master.key"));

        int exit = run("value\n", "set", "a");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("no master key").contains("head -c 32 /dev/urandom | base64");
    }
}
