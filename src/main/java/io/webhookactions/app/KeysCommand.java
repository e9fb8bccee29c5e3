package io.webhookactions.app;

import io.webhookactions.WebhookActionException;
import io.webhookactions.perimeter.ApiKeyStore;
import io.webhookactions.perimeter.Role;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keys create|list|revoke} (SPEC §10): the API keys of the service. A token is printed once, at
 * creation; the key file keeps only a salted hash. A running service sees a new or revoked key at once.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Manage the API keys of the service (webhook.api.keys-file, default config/api-keys.json).",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file (default: ${DEFAULT-VALUE}).")
    Path config = ServiceConfig.DEFAULT_FILE;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    ApiKeyStore store() {
        try (ServiceConfig properties = ServiceConfig.load(config)) {
            return new ApiKeyStore(Path.of(properties.get("webhook.api.keys-file", "config/api-keys.json")));
        }
    }

    /** Runs {@code body}, turning a refusal into one line on stderr and exit 1. */
    static int guarded(CommandSpec spec, Callable<Integer> body) throws Exception {
        try {
            return body.call();
        } catch (WebhookActionException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a key and print its token (shown this once; keep it like a password).")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        KeysCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The key's name: it appears in the execution log and history.")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "viewer (read), tester (also /test), executor (also /execute and pipelines) or admin.")
        String role;

        @Option(names = "--actions", split = ",", paramLabel = "PATTERN",
                description = "Limit the key to these actions, e.g. get_*,create_ticket (default: all).")
        List<String> actions = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            return guarded(spec, () -> {
                Role parsed = Role.ofKey(role).orElseThrow(() -> new WebhookActionException("--role " + role
                        + " is not a role; use viewer, tester, executor or admin"));
                String token = parent.store().create(name, parsed, actions);
                PrintWriter out = spec.commandLine().getOut();
                out.println(token);
                out.flush();
                PrintWriter err = spec.commandLine().getErr();
                err.println("created key \"" + name + "\" (" + parsed.key() + (actions.isEmpty() ? "" : ", actions " + String.join(",", actions))
                        + "); the token above is shown only now. Send it as: Authorization: Bearer TOKEN");
                err.flush();
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys: name, role, actions, created, last used. Never tokens.")
    static final class ListKeys implements Callable<Integer> {
        @ParentCommand
        KeysCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return guarded(spec, () -> {
                PrintWriter out = spec.commandLine().getOut();
                List<ApiKeyStore.ApiKey> keys = parent.store().list();
                if (keys.isEmpty()) {
                    out.println("no keys: the API runs without authentication (loopback only)");
                }
                for (ApiKeyStore.ApiKey key : keys) {
                    out.printf("%-20s %-9s %-24s created %s  last used %s%n", key.name(), key.role().key(),
                            key.actions().isEmpty() ? "all actions" : String.join(",", key.actions()), key.created(),
                            key.lastUsed() == null ? "never" : key.lastUsed());
                }
                out.flush();
                return 0;
            });
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Delete a key; its token stops working at once.")
    static final class Revoke implements Callable<Integer> {
        @ParentCommand
        KeysCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            return guarded(spec, () -> {
                if (!parent.store().revoke(name)) {
                    spec.commandLine().getErr().println("error: no key named \"" + name + "\"");
                    spec.commandLine().getErr().flush();
                    return 1;
                }
                spec.commandLine().getErr().println("revoked key \"" + name + "\"");
                spec.commandLine().getErr().flush();
                return 0;
            });
        }
    }
}
