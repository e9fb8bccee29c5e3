package io.webhookactions.loading;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.webhookactions.response.ActionResult;
import io.webhookactions.testing.CapturedLogs;
import io.webhookactions.testing.Upstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Camel Main host that loads definition files with {@code routes-include-pattern} and reloads them: with Camel's
 * default {@code routes-reload-remove-all-routes=true} and routes of its own, start logs one WARN that says how to
 * keep them (SPEC §12).
 */
class HostReloadWarningTest {

    @TempDir
    Path routes;

    @Test
    void defaultRemoveAllWithHostRoutesWarnsOnceAndSaysHowToTurnItOff() throws Exception {
        List<String> warnings = start(null, true);

        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("would remove the 1 other route(s)").contains("host-greeting")
                .contains("camel.main.routes-reload-remove-all-routes=false");
    }

    @Test
    void reloadingOnlyTheEditedFileDoesNotWarn() throws Exception {
        assertThat(start("false", true)).isEmpty();
    }

    @Test
    void contextWithOnlyActionRoutesDoesNotWarn() throws Exception {
        assertThat(start(null, false)).isEmpty();
    }

    /** Starts the host, calls the action once through its own route (when it has one), and returns the WARN lines. */
    private List<String> start(String removeAllRoutes, boolean withHostRoute) throws Exception {
        Files.copy(Path.of("src/test/resources/host/routes/greet.webhook.json"), routes.resolve("greet.webhook.json"));
        try (Upstream upstream = new Upstream().on("/greet", Upstream.json(200, "{\"greeting\": \"hi\"}"));
             CapturedLogs logs = new CapturedLogs(Level.INFO)) {
            Main main = new Main();
            main.addInitialProperty("upstream", upstream.url(""));
            main.addInitialProperty("camel.main.routes-include-pattern", "file:" + routes + "/*.webhook.json");
            main.addInitialProperty("camel.main.routes-reload-enabled", "true");
            main.addInitialProperty("camel.main.routes-reload-directory", routes.toString());
            main.addInitialProperty("camel.main.routes-reload-pattern", "*.webhook.json");
            if (removeAllRoutes != null) {
                main.addInitialProperty("camel.main.routes-reload-remove-all-routes", removeAllRoutes);
            }
            if (withHostRoute) {
                main.configure().addRoutesBuilder(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:greeting").routeId("host-greeting").to("webhook-action:greet");
                    }
                });
            }
            main.start();
            try {
                if (withHostRoute) {
                    ActionResult result = main.getCamelContext().createProducerTemplate()
                            .requestBody("direct:greeting", Map.of("user", Map.of("name", "ada")), ActionResult.class);
                    assertThat(result.success()).isTrue();
                }
            } finally {
                main.stop();
            }
            return logs.events().stream().filter(event -> event.getLevel() == Level.WARN)
                    .filter(event -> event.getLoggerName().startsWith("io.webhookactions"))
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
