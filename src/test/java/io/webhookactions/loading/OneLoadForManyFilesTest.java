package io.webhookactions.loading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webhookactions.attribute.Context;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.definition.InvalidDefinitionException;
import io.webhookactions.response.ActionResult;
import io.webhookactions.runtime.ActionRoutes;
import io.webhookactions.runtime.WebhookActions;
import io.webhookactions.testing.Eventually;
import io.webhookactions.testing.Upstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Camel Main host loading several definition files through its {@code routes-include-pattern}: Camel hands the
 * loader every file at once and gets one builder for all of them (one pass of Camel's model instead of one scan of
 * every route per file). Each route still remembers its own file, and errors still name every file.
 */
class OneLoadForManyFilesTest {

    @TempDir
    Path routes;

    private Upstream upstream;
    private Main main;

    @BeforeEach
    void upstream() throws Exception {
        upstream = new Upstream().on("/greet", (exchange, body) -> Upstream.respond(exchange, 200, "application/json",
                "{\"greeting\": \"" + exchange.getRequestURI().getQuery() + "\"}"));
    }

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
        upstream.close();
    }

    private void write(String name, String output) throws Exception {
        Files.writeString(routes.resolve(name + ".webhook.json"), "{\"name\": \"" + name + "\", \"url\": \"{{upstream}}/greet?from="
                + name + "\", \"response\": {\"2xx\": {\"outputs\": {\"" + output + "\": \"greeting\"}}}}");
    }

    private Main start(boolean removeAllRoutes) {
        main = new Main();
        main.addInitialProperty("upstream", upstream.url(""));
        main.addInitialProperty("camel.main.routes-include-pattern", "file:" + routes + "/*.webhook.json");
        main.addInitialProperty("camel.main.routes-reload-enabled", "true");
        main.addInitialProperty("camel.main.routes-reload-directory", routes.toString());
        main.addInitialProperty("camel.main.routes-reload-pattern", "*.webhook.json");
        main.addInitialProperty("camel.main.routes-reload-remove-all-routes", String.valueOf(removeAllRoutes));
        main.start();
        return main;
    }

    private String answer(String action, String output) {
        ActionResult result = WebhookActions.in(main.getCamelContext()).execute(action, Contexts.empty());
        return result.attribute(Context.USER, output) == null ? null : result.attribute(Context.USER, output).asText();
    }

    @Test
    void everyFileBecomesARouteThatRemembersItsOwnFile() throws Exception {
        for (String name : new String[] {"alpha", "beta", "gamma"}) {
            write(name, "greeting");
        }

        start(false);

        for (String name : new String[] {"alpha", "beta", "gamma"}) {
            assertThat(answer(name, "greeting")).isEqualTo("from=" + name);
            assertThat(main.getCamelContext().getRoute(ActionRoutes.routeId(name)).getSourceResource().getLocation())
                    .endsWith(name + ".webhook.json");
        }
    }

    /**
     * The files of the first load arrive before the context starts: they share the context's one deletion watcher
     * (one inotify instance), not one each, and a deleted file still removes its action.
     */
    @Test
    void theFilesOfTheFirstLoadShareOneDeletionWatcher() throws Exception {
        for (int i = 0; i < 5; i++) {
            write("file_" + i, "greeting");
        }
        long before = watcherThreads();

        start(false);

        assertThat(watcherThreads() - before).isEqualTo(1);
        Files.delete(routes.resolve("file_2.webhook.json"));
        Eventually.await(Duration.ofSeconds(20), "the deleted file's action is gone",
                () -> WebhookActions.in(main.getCamelContext()).find("file_2").isEmpty());
        assertThat(answer("file_3", "greeting")).isEqualTo("from=file_3");
    }

    private static long watcherThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("webhook-actions-deleted-definitions")).count();
    }

    /** Camel's reload with remove-all-routes removes every route and loads every route's own file again. */
    @Test
    void anEditWithRemoveAllRoutesKeepsEveryOtherAction() throws Exception {
        for (String name : new String[] {"alpha", "beta", "gamma"}) {
            write(name, "greeting");
        }
        start(true);

        write("beta", "greeting_v2");

        Eventually.await(Duration.ofSeconds(20), "the edited beta answers", () -> "from=beta".equals(answer("beta", "greeting_v2")));
        assertThat(answer("alpha", "greeting")).isEqualTo("from=alpha");
        assertThat(answer("gamma", "greeting")).isEqualTo("from=gamma");
    }

    /**
     * Under steady calls a reload retires the old route first (calls wait for the new one) and lets the calls already
     * inside finish: no call fails, none is rejected by a route being stopped under it.
     */
    @Test
    void anEditUnderSteadyCallsFailsNoCall() throws Exception {
        write("alpha", "greeting");
        start(false);
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Runnable calls = () -> {
            while (running.get()) {
                try {
                    answer("alpha", "greeting");
                    answered.incrementAndGet();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        };
        Thread[] callers = {new Thread(calls), new Thread(calls)};
        try {
            for (Thread caller : callers) {
                caller.start();
            }
            Eventually.await(Duration.ofSeconds(20), "calls run", () -> answered.get() > 10);

            write("alpha", "greeting_v2");

            Eventually.await(Duration.ofSeconds(20), "the edited alpha answers", () -> "from=alpha".equals(answer("alpha", "greeting_v2")));
        } finally {
            running.set(false);
            for (Thread caller : callers) {
                caller.join();
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void atStartTheLoadFailsWithEveryErrorOfEveryFile() throws Exception {
        write("alpha", "greeting");
        Files.copy(Path.of("src/test/resources/invalid/auth-missing-type.webhook.json"), routes.resolve("broken_one.webhook.json"));
        Files.writeString(routes.resolve("broken_two.webhook.json"), "{\"name\": \"Two\", \"url\": \"ftp://x\"}");

        assertThatThrownBy(() -> start(false)).satisfies(thrown -> {
            InvalidDefinitionException invalid = cause(thrown, InvalidDefinitionException.class);
            assertThat(invalid.errors()).extracting(error -> Path.of(error.file()).getFileName().toString())
                    .contains("broken_one.webhook.json", "broken_two.webhook.json")
                    .doesNotContain("alpha.webhook.json");
        });
        main = null;
    }

    @Test
    void aNameTakenByTwoFilesOfOneLoadFailsTheStart() throws Exception {
        write("alpha", "greeting");
        Files.writeString(routes.resolve("copy.webhook.json"), Files.readString(routes.resolve("alpha.webhook.json")));

        assertThatThrownBy(() -> start(false)).satisfies(thrown ->
                assertThat(cause(thrown, InvalidDefinitionException.class).getMessage()).contains("action name \"alpha\" is already used by"));
        main = null;
    }

    private static <T extends Throwable> T cause(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + thrown);
    }
}
