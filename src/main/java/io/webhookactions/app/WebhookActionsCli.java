package io.webhookactions.app;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line of the runnable jar: {@code java -jar target/webhook-actions.jar COMMAND}. */
@Command(name = "webhook-actions", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Declarative webhook actions for Apache Camel.",
        subcommands = {ServeCommand.class, TestCommand.class, ValidateCommand.class, ConvertCommand.class, SecretsCommand.class,
            KeysCommand.class, CommandLine.HelpCommand.class})
public final class WebhookActionsCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "io/webhookactions/logback-cli.xml");
        }
        if (System.getProperty("webhook.log.progress") == null && (args.length == 0 || !args[0].equals("serve"))) {
            // Only serve is a service: the other commands print their result, not Camel's start-up story nor the
            // execution log line that repeats it.
            System.setProperty("webhook.log.progress", "WARN");
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests run it in-process with their own writers. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new WebhookActionsCli());
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            // A user sees what went wrong, not a stack trace; the class name helps a bug report.
            PrintWriter err = cmd.getErr();
            err.println("error: " + exception.getClass().getSimpleName()
                    + (exception.getMessage() == null ? "" : ": " + exception.getMessage()));
            err.flush();
            return 2;
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
