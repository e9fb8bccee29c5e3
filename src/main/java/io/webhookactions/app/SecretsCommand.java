package io.webhookactions.app;

import io.webhookactions.secret.CertificateMaterial;
import io.webhookactions.secret.SecretEntry;
import io.webhookactions.secret.SecretStore;
import io.webhookactions.secret.SecretStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code secrets set|import-cert|list|delete} (SPEC §6). Values come from stdin or files, never arguments. */
@Command(name = "secrets", mixinStandardHelpOptions = true,
        description = "Manage the encrypted secret store (webhook.secrets-file, key from WEBHOOK_ACTIONS_MASTER_KEY or webhook.master-key-file).",
        subcommands = {SecretsCommand.Set.class, SecretsCommand.ImportCert.class, SecretsCommand.ListSecrets.class,
            SecretsCommand.Delete.class})
final class SecretsCommand implements Runnable {

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file (default: ${DEFAULT-VALUE}).")
    Path config = ServiceConfig.DEFAULT_FILE;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    SecretStore store() throws IOException {
        try (ServiceConfig properties = ServiceConfig.load(config)) {
            return properties.secretStore();
        }
    }

    /** Runs {@code body}, turning store errors into one line on stderr and exit 1. */
    static int guarded(CommandSpec spec, Callable<Integer> body) throws Exception {
        try {
            return body.call();
        } catch (SecretStoreException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Store NAME with the value read from standard input.")
    static final class Set implements Callable<Integer> {
        @ParentCommand
        SecretsCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            return guarded(spec, () -> {
                String value = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
                if (value.endsWith("\n")) {
                    value = value.substring(0, value.length() - (value.endsWith("\r\n") ? 2 : 1));
                }
                if (value.isEmpty()) {
                    spec.commandLine().getErr().println("error: no value on standard input; e.g. printf %s 'value' | ... secrets set " + name);
                    return 1;
                }
                parent.store().set(name, value);
                spec.commandLine().getOut().println("stored secret " + name);
                return 0;
            });
        }
    }

    @Command(name = "import-cert", mixinStandardHelpOptions = true,
            description = "Store a client certificate: PKCS#12/PFX, PEM chain + key, or CER/CRT with --key.")
    static final class ImportCert implements Callable<Integer> {
        @ParentCommand
        SecretsCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1", paramLabel = "FILE")
        Path file;
        @Option(names = "--key", paramLabel = "KEYFILE", description = "The private key, when FILE holds only the certificate.")
        Path key;
        @Option(names = "--password-secret", paramLabel = "NAME", description = "Secret holding the password of FILE or KEYFILE.")
        String passwordSecret;

        @Override
        public Integer call() throws Exception {
            return guarded(spec, () -> {
                SecretStore store = parent.store();
                byte[] data = read(file);
                byte[] keyData = key == null ? null : read(key);
                String password = passwordSecret == null ? null : store.secret(passwordSecret).orElseThrow(() ->
                        new SecretStoreException("password secret \"" + passwordSecret + "\" does not exist; set it first: secrets set "
                                + passwordSecret));
                CertificateMaterial material = CertificateMaterial.read(name, data, keyData, password);
                store.setCertificate(name, CertificateMaterial.bundle(data, keyData),
                        material.leaf().getSubjectX500Principal().getName(), material.fingerprint(),
                        material.leaf().getNotAfter().toInstant());
                spec.commandLine().getOut().println("stored certificate " + name + ": " + material.leaf().getSubjectX500Principal().getName()
                        + ", expires " + material.leaf().getNotAfter().toInstant());
                return 0;
            });
        }

        private static byte[] read(Path path) throws IOException {
            try (InputStream in = Files.newInputStream(path)) {
                return in.readAllBytes();
            } catch (NoSuchFileException e) {
                throw new SecretStoreException(path + " does not exist");
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List secrets: name, kind, certificate details. Never values.")
    static final class ListSecrets implements Callable<Integer> {
        @ParentCommand
        SecretsCommand parent;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return guarded(spec, () -> {
                PrintWriter out = spec.commandLine().getOut();
                java.util.List<SecretEntry> entries = parent.store().list();
                if (entries.isEmpty()) {
                    out.println("no secrets");
                }
                for (SecretEntry entry : entries) {
                    if (SecretEntry.CERTIFICATE.equals(entry.kind())) {
                        out.printf("%-32s certificate  subject=%s  sha256=%s  expires=%s%n", entry.name(), entry.subject(),
                                entry.fingerprint(), entry.notAfter());
                    } else {
                        out.printf("%-32s %s%n", entry.name(), entry.kind());
                    }
                }
                out.flush();
                return 0;
            });
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Remove a secret.")
    static final class Delete implements Callable<Integer> {
        @ParentCommand
        SecretsCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            return guarded(spec, () -> {
                if (!parent.store().delete(name)) {
                    spec.commandLine().getErr().println("error: there is no secret \"" + name + "\"");
                    return 1;
                }
                spec.commandLine().getOut().println("deleted secret " + name);
                return 0;
            });
        }
    }
}
