package io.webhookactions.app;

import io.webhookactions.definition.Placeholders;
import io.webhookactions.definition.SecretNames;
import io.webhookactions.runtime.SettingsReader;
import io.webhookactions.runtime.WebhookActions;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.secret.PropertySecretSource;
import io.webhookactions.secret.SecretChain;
import io.webhookactions.secret.SecretStore;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.SensitiveUtils;

/**
 * The service's configuration as the commands read it before (or without) a running service: the
 * properties file read by Camel's own property resolution (environment variables and system properties
 * override it, {@code {{env:X}}} and vault functions work), so every command and {@code serve} agree on
 * every value.
 */
public final class ServiceConfig implements AutoCloseable {

    static final Path DEFAULT_FILE = Path.of("config", "application.properties");

    /** Where the service's users set a property, for messages. */
    static final String WHERE = "config/application.properties or the environment";

    /** How the service's users add a missing secret. */
    static final WebhookActions.Hints HINTS = new WebhookActions.Hints(WHERE,
            name -> "add it with: secrets set " + name + " (or secrets import-cert " + name + " FILE for a certificate)");

    private final CamelContext camel;
    private final Path file;

    private ServiceConfig(CamelContext camel, Path file) {
        this.camel = camel;
        this.file = file;
    }

    /** Reads {@code file} when it exists; a missing file means defaults (and the environment) only. */
    public static ServiceConfig load(Path file) {
        CamelContext camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setLocation("file:" + file + ";optional=true");
        return new ServiceConfig(camel, file);
    }

    Path file() {
        return file;
    }

    SettingsReader settings() {
        return WebhookActions.settingsOf(camel);
    }

    String get(String key, String fallback) {
        return settings().text(key, fallback);
    }

    Placeholders placeholders() {
        return new Placeholders(key -> camel.getPropertiesComponent().resolveProperty(key).orElse(null),
                SensitiveUtils::containsSensitive, WHERE);
    }

    Path routes() {
        return Path.of(get("webhook.routes", "routes"));
    }

    Path masterKeyFile() {
        return Path.of(get("webhook.master-key-file", "config/master.key"));
    }

    /** The secret store these properties name ({@code webhook.secrets-file}, {@code webhook.master-key-file}). */
    SecretStore secretStore() {
        return SecretStore.open(Path.of(get("webhook.secrets-file", "config/secrets.json")), masterKeyFile());
    }

    /** Secrets as the running service resolves them: {@code webhook.secret.NAME} properties, then the store. */
    SecretSource secretSource() {
        return SecretChain.propertiesThenStore(new PropertySecretSource(settings()::value), secretStore());
    }

    /**
     * The secret-name check of validation: once the store exists, a name must be in it or be a property
     * {@code webhook.secret.NAME}, as the running service resolves it; else none.
     */
    SecretNames secretNames() {
        SecretStore store = secretStore();
        PropertySecretSource properties = new PropertySecretSource(settings()::value);
        return store.exists() ? new SecretNames(name -> store.contains(name) || properties.has(name), HINTS.secrets()) : null;
    }

    /** The context only resolves properties and is never started; stopping it would log a Camel shut-down. */
    @Override
    public void close() {
        if (camel.isStarted()) {
            camel.stop();
        }
    }
}
