package io.webhookactions.route;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.webhookactions.testing.CapturedLogs;
import io.webhookactions.testing.Engine;
import io.webhookactions.testing.Upstream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionLogTest {

    @Test
    void oneInfoLinePerExecutionWithDetailAtDebug() throws Exception {
        try (Upstream upstream = new Upstream(); Engine engine = new Engine()) {
            upstream.on("/x", Upstream.json(200, "{\"hello\": \"world\"}"));
            engine.property("upstream", upstream.url("")).load("logged");

            try (CapturedLogs logs = new CapturedLogs(Level.INFO)) {
                engine.execute("logged", "{\"user\": {\"q\": \"query\"}}");

                List<String> lines = logs.lines("io.webhookactions.execution");
                assertThat(lines).hasSize(1);
                assertThat(lines.get(0)).matches("action=logged caller=local method=POST host=127\\.0\\.0\\.1 status=200 duration_ms=\\d+ success=true");
            }
            try (CapturedLogs logs = new CapturedLogs(Level.DEBUG)) {
                engine.execute("logged", "{\"user\": {\"q\": \"query\"}}");

                assertThat(logs.lines("io.webhookactions.execution")).hasSize(3)
                        .anySatisfy(line -> assertThat(line).contains("\"q\":\"query\""))
                        .anySatisfy(line -> assertThat(line).contains("{\"hello\": \"world\"}"));
            }
        }
    }
}
