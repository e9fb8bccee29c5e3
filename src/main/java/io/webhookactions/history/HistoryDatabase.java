package io.webhookactions.history;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.webhookactions.runtime.InvalidSettingException;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The history's database: a small HikariCP pool on {@code webhook.history.url}, its schema created and migrated
 * by Flyway the first time a connection succeeds, so a database that is down at start only delays the history
 * (the service starts; records wait or drop). Migrations live under {@code io/webhookactions/history/migration}
 * and Flyway's own table is {@code webhook_history_schema}, so a host's own Flyway set-up in the same database
 * is left alone.
 */
public final class HistoryDatabase implements AutoCloseable {

    static final String MIGRATIONS = "classpath:io/webhookactions/history/migration";
    static final String SCHEMA_TABLE = "webhook_history_schema";

    private final HikariDataSource pool;
    private volatile boolean migrated;

    private HistoryDatabase(HikariDataSource pool) {
        this.pool = pool;
    }

    /**
     * A pool on the settings' database; nothing is connected yet.
     *
     * @throws InvalidSettingException when no driver takes {@code webhook.history.url}
     */
    public static HistoryDatabase open(HistorySettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("webhook-history");
        config.setJdbcUrl(jdbcUrl(settings.url()));
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        // The writer, two readers and retention; more only queue inside the database.
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        // After a database restart every pooled connection fails once; the writer retries, and a short timeout
        // keeps a reader from hanging 30 s (Hikari's default) while the database is down.
        config.setConnectionTimeout(2_000);
        config.setValidationTimeout(1_000);
        // Start without the database: the pool connects when it can.
        config.setInitializationFailTimeout(-1);
        if (settings.url().startsWith("jdbc:postgresql:")) {
            // A server that vanishes mid-query (network gone) frees the writer after a minute instead of never;
            // parameters in the URL win over these.
            config.addDataSourceProperty("connectTimeout", "5");
            config.addDataSourceProperty("socketTimeout", "60");
        }
        try {
            return new HistoryDatabase(new HikariDataSource(config));
        } catch (RuntimeException e) {
            throw new InvalidSettingException("webhook.history.url", settings.url(),
                    "a database this service can open (it ships the H2 and PostgreSQL drivers): " + e.getMessage());
        }
    }

    /**
     * The URL as the pool opens it. An embedded H2 file stays open until {@link #close()} (not until the JVM's
     * shutdown hook, which could close it under the writer still flushing the queue).
     */
    static String jdbcUrl(String url) {
        if (url.startsWith("jdbc:h2:") && !url.toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_ON_EXIT")
                && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:")) {
            return url + ";DB_CLOSE_ON_EXIT=FALSE";
        }
        return url;
    }

    /** A pooled connection to the migrated schema. */
    public Connection connection() throws SQLException {
        if (!migrated) {
            // Before taking a connection: Flyway takes its own from the pool, and threads waiting here hold none.
            try {
                migrate();
            } catch (RuntimeException e) {
                throw new SQLException("could not create or migrate the history schema: " + e.getMessage(), e);
            }
        }
        return pool.getConnection();
    }

    private synchronized void migrate() {
        if (migrated) {
            return;
        }
        try {
            Flyway.configure(HistoryDatabase.class.getClassLoader())
                    .dataSource(pool)
                    .locations(MIGRATIONS)
                    .table(SCHEMA_TABLE)
                    // A database that already holds other tables (a host's) gets ours beside them.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        migrated = true;
    }

    /** The pool itself, before any migration (tests that set up an older schema). */
    javax.sql.DataSource pool() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
