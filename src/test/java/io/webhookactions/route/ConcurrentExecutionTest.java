package io.webhookactions.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.attribute.Context;
import io.webhookactions.response.ActionResult;
import io.webhookactions.testing.Engine;
import io.webhookactions.testing.Upstream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Under concurrency every result belongs to its own request: nothing is shared between executions. */
class ConcurrentExecutionTest {

    @Test
    void twoThousandExecutionsAtConcurrency32EachGetTheirOwnAnswer() throws Exception {
        try (Upstream upstream = new Upstream(); Engine engine = new Engine()) {
            upstream.on("/echo", (exchange, body) -> {
                String id = exchange.getRequestURI().getQuery().substring("id=".length());
                String header = exchange.getRequestHeaders().getFirst("X-Request-Id");
                Upstream.respond(exchange, 200, "application/json",
                        "{\"id\": \"" + id + "\", \"header\": \"" + header + "\", \"body\": " + body + "}");
            });
            engine.property("upstream", upstream.url("")).load("echo");
            ExecutorService pool = Executors.newFixedThreadPool(32);
            try {
                List<Future<ActionResult>> futures = new ArrayList<>();
                for (int i = 0; i < 2000; i++) {
                    int n = i;
                    futures.add(pool.submit(() -> engine.execute("echo",
                            "{\"user\": {\"id\": \"u" + n + "\", \"n\": " + n + "}, \"session\": {\"rid\": \"r" + n + "\"}}")));
                }
                for (int i = 0; i < futures.size(); i++) {
                    ActionResult result = futures.get(i).get();
                    assertThat(result.success()).as("execution %d: %s", i, result.error()).isTrue();
                    assertThat(result.attribute(Context.USER, "id").asText()).isEqualTo("u" + i);
                    assertThat(result.attribute(Context.USER, "header").asText()).isEqualTo("r" + i);
                    assertThat(result.attribute(Context.USER, "n").intValue()).isEqualTo(i);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(upstream.requestCount()).isEqualTo(2000);
            assertThat(engine.actions().poolStats()[1]).as("leased connections").isZero();
        }
    }
}
