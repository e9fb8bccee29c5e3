package io.webhookactions.testing;

import io.webhookactions.history.HistorySettings;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throw-away PostgreSQL server for one test class ({@link PostgresServer}): started before the class's tests and its
 * {@code @BeforeAll} methods, stopped after its {@code @AfterAll} methods. Register it on a static field with
 * {@code @RegisterExtension}.
 */
public final class ThrowAwayPostgres implements BeforeAllCallback, AfterAllCallback {

    private final String databasePrefix;
    private PostgresServer server;
    private int databases;

    /** @param databasePrefix how the databases of {@link #freshDatabase} are named, followed by their number */
    public ThrowAwayPostgres(String databasePrefix) {
        this.databasePrefix = databasePrefix;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = PostgresServer.startNew();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    public PostgresServer server() {
        return server;
    }

    /** History settings for a new, empty database on the server, logging in as the server's user. */
    public HistorySettings freshDatabase() {
        return HistorySettings.defaults(server.createDatabase(databasePrefix + ++databases)).withLogin(server.user(), server.password());
    }
}
