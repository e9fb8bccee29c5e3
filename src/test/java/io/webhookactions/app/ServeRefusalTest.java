package io.webhookactions.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code serve} refuses to start, with a non-zero exit and the fix in the message, rather than run half-way:
 * on a port that is taken (Camel's server would only log the bind failure and run without an API), and on an
 * address other machines can reach while the API has neither keys nor OIDC (SPEC §10).
 */
class ServeRefusalTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int serve(String properties) throws Exception {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Files.writeString(routes.resolve("a.webhook.json"), "{\"name\": \"a\", \"url\": \"http://127.0.0.1:9/x\"}");
        Path config = dir.resolve("application.properties");
        Files.writeString(config, "webhook.routes=" + routes + "\nwebhook.attributes-file=" + dir.resolve("none.json") + "\n"
                + "webhook.api.keys-file=" + dir.resolve("api-keys.json") + "\n" + properties);
        CommandLine cli = WebhookActionsCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute("serve", "--config", config.toString());
    }

    @Test
    void aPortInUseFailsServeAndNamesThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int exit = serve("camel.server.port=" + taken.getLocalPort() + "\n");

            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).isEqualTo("not starting: port " + taken.getLocalPort() + " on 127.0.0.1 is already in use"
                    + " (camel.server.port); stop what listens there or choose another port, e.g. CAMEL_SERVER_PORT=8081\n");
            assertThat(out.toString()).as("no address is printed for a server that does not listen").isEmpty();
        }
    }

    @Test
    void anAddressOtherMachinesReachIsRefusedWithoutKeysOrOidc() throws Exception {
        int exit = serve("camel.server.host=0.0.0.0\ncamel.server.port=1\n");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("not starting: camel.server.host is 0.0.0.0, which other machines can reach")
                .contains("keys create admin --role admin").contains("webhook.api.oidc.issuer").contains("bind to 127.0.0.1");
    }

    @Test
    void aMalformedSettingIsRefusedNamingItsKey() throws Exception {
        int exit = serve("webhook.executions.max-concurrent=lots\n");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("not starting: webhook.executions.max-concurrent: 'lots' is not a number\n");
    }

    @Test
    void aMalformedEngineSettingIsRefusedTheSameWay() throws Exception {
        int exit = serve("webhook.default-timeout-ms=soon\n");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("not starting: webhook.default-timeout-ms: 'soon'");
    }
}
