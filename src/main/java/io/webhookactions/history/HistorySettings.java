package io.webhookactions.history;

import io.webhookactions.attribute.SecretSource;
import io.webhookactions.runtime.InvalidSettingException;
import io.webhookactions.runtime.SettingsReader;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code webhook.history.*} settings (SPEC §13), read once through Camel's property resolution.
 *
 * @param enabled      {@code webhook.history.enabled}: on by default in the service, off in a Camel host
 * @param url          {@code webhook.history.url}, a JDBC URL; default the embedded H2 file {@code ./data/history}
 * @param username     {@code webhook.history.username} ({@code sa} for H2 when unset)
 * @param password     {@code webhook.history.password} (may be a {@code {{...}}}), else the secret named by
 *                     {@code webhook.history.password-secret}, else empty
 * @param maxBodyBytes {@code webhook.history.max-body-bytes}, 65 536: request and response bodies (and long attribute
 *                     values) are cut there
 * @param retention    {@code webhook.history.retention-days}, 7
 * @param maxRows      {@code webhook.history.max-rows}, 100 000
 * @param components   {@code webhook.history.components}: whether {@code webhook-action:} calls of Camel routes are recorded
 * @param queueSize    {@code webhook.history.queue-size}, 10 000 records waiting to be written; beyond it a record is dropped
 */
public record HistorySettings(boolean enabled, String url, String username, String password, int maxBodyBytes,
                              Duration retention, long maxRows, boolean components, int queueSize) {

    public static final String DEFAULT_URL = "jdbc:h2:file:./data/history";
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    public HistorySettings {
        Objects.requireNonNull(url);
        Objects.requireNonNull(username);
        Objects.requireNonNull(password);
        Objects.requireNonNull(retention);
    }

    /** Every default, history on, into {@code url}. */
    public static HistorySettings defaults(String url) {
        return new HistorySettings(true, url, defaultUser(url), "", DEFAULT_MAX_BODY_BYTES, Duration.ofDays(7), 100_000, true, 10_000);
    }

    /**
     * @param enabledByDefault true in the service (history is part of it), false in a Camel host (it opts in)
     * @param secrets          where {@code webhook.history.password-secret} is looked up
     * @throws InvalidSettingException when a value cannot be used (the key is named)
     */
    public static HistorySettings read(SettingsReader settings, boolean enabledByDefault, SecretSource secrets) {
        boolean enabled = settings.flag("webhook.history.enabled", enabledByDefault);
        String url = settings.text("webhook.history.url", DEFAULT_URL);
        if (!url.startsWith("jdbc:")) {
            throw new InvalidSettingException("webhook.history.url", url, "a JDBC URL (jdbc:postgresql://host/db or jdbc:h2:file:PATH)");
        }
        if (enabled && !hasDriver(url)) {
            throw new InvalidSettingException("webhook.history.url", url, "a database this service has a driver for (jdbc:h2:... or"
                    + " jdbc:postgresql://...)");
        }
        String password = settings.text("webhook.history.password").orElse(null);
        if (password == null) {
            String secret = settings.text("webhook.history.password-secret").orElse(null);
            if (secret != null && enabled) {
                password = secrets.secret(secret).orElseThrow(() -> new InvalidSettingException("webhook.history.password-secret",
                        secret, "a secret in the store (add it with: secrets set " + secret + ")"));
            }
        }
        return new HistorySettings(enabled, url, settings.text("webhook.history.username", defaultUser(url)),
                password == null ? "" : password,
                settings.integer("webhook.history.max-body-bytes", DEFAULT_MAX_BODY_BYTES, 1024, 16 * 1024 * 1024),
                Duration.ofDays(settings.number("webhook.history.retention-days", 7, 1, 36_500)),
                settings.number("webhook.history.max-rows", 100_000, 1, 1_000_000_000),
                settings.flag("webhook.history.components", true),
                settings.integer("webhook.history.queue-size", 10_000, 1, 1_000_000));
    }

    /** Asked at start, so a URL no driver takes stops the service there instead of failing every write later. */
    private static boolean hasDriver(String url) {
        try {
            DriverManager.getDriver(url);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    public boolean isH2() {
        return url.startsWith("jdbc:h2:");
    }

    /** H2 makes the first user of a new file its administrator; {@code sa} is its convention. */
    private static String defaultUser(String url) {
        return url.startsWith("jdbc:h2:") ? "sa" : "";
    }

    public HistorySettings withQueueSize(int size) {
        return new HistorySettings(enabled, url, username, password, maxBodyBytes, retention, maxRows, components, size);
    }

    public HistorySettings withMaxBodyBytes(int bytes) {
        return new HistorySettings(enabled, url, username, password, bytes, retention, maxRows, components, queueSize);
    }

    public HistorySettings withRetention(Duration age, long rows) {
        return new HistorySettings(enabled, url, username, password, maxBodyBytes, age, rows, components, queueSize);
    }

    public HistorySettings withLogin(String user, String secret) {
        return new HistorySettings(enabled, url, user, secret, maxBodyBytes, retention, maxRows, components, queueSize);
    }
}
