package io.webhookactions.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line as a newcomer meets it: help for any command, and the version of the build. */
class CommandLineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = WebhookActionsCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void helpOfACommandPrintsItsUsage() {
        int exit = run("help", "test");

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("Usage: webhook-actions test").contains("--set").contains("--json");
    }

    @Test
    void theVersionIsTheBuildsVersion() {
        int exit = run("--version");

        assertThat(exit).isZero();
        assertThat(out.toString().strip()).isEqualTo("webhook-actions 0.1.0-SNAPSHOT");
    }

    @Test
    void everyCommandIsListedInTheHelp() {
        run("--help");

        assertThat(out.toString()).contains("serve", "test", "validate", "convert", "secrets", "keys", "help");
    }
}
