package io.webhookactions.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * The configuration outside Camel (for {@code validate} and the other offline commands): values from
 * {@code config/application.properties}, overridden by system properties and the environment
 * ({@code webhook.routes} -> {@code WEBHOOK_ROUTES}). Resolves {@code {{key}}}, {@code {{env:NAME}}},
 * {@code {{sys:name}}} and {@code {{key:default}}} as Camel's property placeholders do.
 */
public final class ConfigProperties implements UnaryOperator<String> {

    public static final Path DEFAULT_FILE = Path.of("config", "application.properties");

    private final Properties file;

    private ConfigProperties(Properties file) {
        this.file = file;
    }

    /** Reads {@code path} when it exists; a missing file means defaults only. */
    public static ConfigProperties load(Path path) throws IOException {
        Properties properties = new Properties();
        if (Files.exists(path)) {
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        }
        return new ConfigProperties(properties);
    }

    /** The value of {@code key}: environment, then system property, then the file; null when undefined. */
    public String get(String key) {
        String env = System.getenv(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'));
        if (env != null) {
            return env;
        }
        String sys = System.getProperty(key);
        return sys != null ? sys : file.getProperty(key);
    }

    /** The secret store these properties name ({@code webhook.secrets-file}, {@code webhook.master-key-file}). */
    public io.webhookactions.secret.SecretStore secretStore() {
        return io.webhookactions.secret.SecretStore.open(Path.of(get("webhook.secrets-file", "config/secrets.json")),
                masterKeyFile());
    }

    public Path masterKeyFile() {
        return Path.of(get("webhook.master-key-file", "config/master.key"));
    }

    /** The secret-name check of validation: against the store once it exists, else none. */
    public java.util.function.Predicate<String> secretCheck() {
        io.webhookactions.secret.SecretStore store = secretStore();
        return store.exists() ? store::contains : null;
    }

    public String get(String key, String fallback) {
        String value = get(key);
        return value == null ? fallback : value;
    }

    /** Resolves a placeholder key as Camel would: {@code env:X}, {@code sys:x}, {@code key:default}. */
    @Override
    public String apply(String placeholder) {
        if (placeholder.startsWith("env:")) {
            return withDefault(placeholder.substring(4), System::getenv);
        }
        if (placeholder.startsWith("sys:")) {
            return withDefault(placeholder.substring(4), System::getProperty);
        }
        return withDefault(placeholder, this::get);
    }

    private static String withDefault(String key, UnaryOperator<String> lookup) {
        int colon = key.indexOf(':');
        String name = colon < 0 ? key : key.substring(0, colon);
        String value = lookup.apply(name);
        return value != null || colon < 0 ? value : key.substring(colon + 1);
    }
}
