package io.webhookactions.history;

import io.webhookactions.runtime.SettingsReader;
import io.webhookactions.runtime.WebhookActions;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution history in a Camel host: off unless the host sets {@code webhook.history.enabled=true} (its
 * {@code webhook-action:} calls are then recorded with the same {@code webhook.history.*} keys as the service,
 * into the same schema). The pool, Flyway and the JDBC drivers are optional dependencies of the library: a host
 * that enables the history without them gets one warning naming them, and runs on without history.
 */
public final class HostHistory {

    private static final Logger LOG = LoggerFactory.getLogger(HostHistory.class);

    private HostHistory() {
    }

    /** Installs the history in {@code context} when its properties ask for it. */
    public static void enableIfAsked(CamelContext context, WebhookActions actions) {
        SettingsReader settings = WebhookActions.settingsOf(context);
        if (!settings.flag("webhook.history.enabled", false)) {
            return;
        }
        if (!ExecutionHistory.available()) {
            LOG.warn("webhook.history.enabled is true but the execution history's libraries are missing: add com.zaxxer:HikariCP,"
                    + " org.flywaydb:flyway-core (and flyway-database-postgresql for PostgreSQL) and a JDBC driver"
                    + " (com.h2database:h2 or org.postgresql:postgresql); running without history");
            return;
        }
        ExecutionHistory.install(context, actions, HistorySettings.read(settings, false, actions.settings().secrets()));
    }
}
