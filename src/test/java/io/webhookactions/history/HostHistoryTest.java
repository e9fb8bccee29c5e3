package io.webhookactions.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.testing.Upstream;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history in a Camel host (SPEC §12, §13): off unless {@code webhook.history.enabled=true}; enabled, the host's
 * {@code webhook-action:} calls are recorded (source {@code component}) and stopping the host writes them; a host
 * without the history's optional libraries runs on without history.
 */
class HostHistoryTest {

    @TempDir
    static Path dir;

    private static Upstream upstream;
    private static Path definition;

    @BeforeAll
    static void start() throws Exception {
        upstream = new Upstream().on("/users", Upstream.json(200, "{\"name\": \"ada\"}"));
        definition = dir.resolve("get_user.webhook.json");
        Files.writeString(definition, "{\"name\": \"get_user\", \"url\": \"{{upstream}}/users/{user_id}\","
                + " \"response\": {\"2xx\": {\"outputs\": {\"user_name\": \"name\"}}}}");
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    @Test
    void aHostThatEnablesTheHistoryRecordsItsComponentCalls() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("host-history");

        Map<?, ?> result = HostApplication.callOnce(Map.of("upstream", upstream.url(""), "webhook.history.enabled", "true",
                "webhook.history.url", url), definition, "get_user", "h1");

        assertThat(result.get("success")).isEqualTo(true);
        try (ExecutionHistory history = ExecutionHistory.open(HistorySettings.defaults(url), Duration.ofHours(1), Clock.systemUTC())) {
            assertThat(history.store().list(HistoryQuery.newest(10)).items()).singleElement().satisfies(record -> {
                assertThat(record.action()).isEqualTo("get_user");
                assertThat(record.source()).isEqualTo("component");
                assertThat(record.caller()).isEqualTo("local");
            });
        }
    }

    @Test
    void aHostIsWithoutHistoryUnlessItAsks() throws Exception {
        assertThat(HostApplication.hasHistory(Map.of("upstream", upstream.url("")), definition)).isFalse();
        assertThat(HostApplication.hasHistory(Map.of("upstream", upstream.url(""), "webhook.history.enabled", "true",
                "webhook.history.url", "jdbc:h2:file:" + dir.resolve("asked")), definition)).isTrue();
    }

    @Test
    void aHostWithoutTheHistoryLibrariesRunsOnWithoutHistory() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("no-libraries");
        try (URLClassLoader without = withoutHistoryLibraries()) {
            Method call = Class.forName(HostApplication.class.getName(), true, without)
                    .getMethod("callOnce", Map.class, Path.class, String.class, String.class);

            // Camel finds its own parts through the thread's context class loader: the host's, here.
            ClassLoader own = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(without);
            Map<?, ?> result;
            try {
                result = (Map<?, ?>) call.invoke(null, Map.of("upstream", upstream.url(""), "webhook.history.enabled", "true",
                        "webhook.history.url", url), definition, "get_user", "h2");
            } finally {
                Thread.currentThread().setContextClassLoader(own);
            }

            assertThat(result.get("success")).isEqualTo(true);
        }
        assertThat(Files.exists(dir.resolve("no-libraries.mv.db"))).isFalse();
    }

    /** Everything of this test's class path but HikariCP, Flyway and the JDBC drivers. */
    private static URLClassLoader withoutHistoryLibraries() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("HikariCP") && !entry.contains("flyway") && !entry.contains("h2database") && !entry.contains("postgresql")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        assertThat(loader.getResource("com/zaxxer/hikari/HikariDataSource.class")).as("HikariCP is really absent").isNull();
        assertThat(loader.getResource("org/flywaydb/core/Flyway.class")).as("Flyway is really absent").isNull();
        return loader;
    }
}
