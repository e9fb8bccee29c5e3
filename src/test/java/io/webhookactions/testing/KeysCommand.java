package io.webhookactions.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.app.WebhookActionsCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code keys ...} against a running service's key file, as a user would in a terminal. */
public final class KeysCommand {

    private KeysCommand() {
    }

    /** @return what the command printed (for {@code create}: the new token), stripped; fails the test on a non-zero exit */
    public static String run(ServiceUnderTest service, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = WebhookActionsCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        String[] full = new String[args.length + 3];
        full[0] = "keys";
        full[1] = "--config";
        full[2] = service.config().toString();
        System.arraycopy(args, 0, full, 3, args.length);
        assertThat(cli.execute(full)).as("keys %s", String.join(" ", args)).isZero();
        return out.toString().strip();
    }
}
