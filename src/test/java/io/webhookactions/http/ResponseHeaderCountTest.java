package io.webhookactions.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.response.ActionResult;
import io.webhookactions.testing.Engine;
import io.webhookactions.testing.Upstream;
import org.junit.jupiter.api.Test;

/**
 * SPEC §11: besides their total size, a response may carry at most 200 headers; more fail the execution with the
 * limit named, the same as an oversized header, rather than being held in memory. Small headers only, so it is the
 * count that is tested, not the size.
 */
class ResponseHeaderCountTest {

    private static Upstream.Handler headers(int count) {
        return (exchange, body) -> {
            for (int i = 0; i < count; i++) {
                exchange.getResponseHeaders().add("X-H" + i, "v");
            }
            Upstream.respond(exchange, 200, "application/json", "{\"ok\": true}");
        };
    }

    @Test
    void twoHundredHeadersAtMostAreAccepted() throws Exception {
        // The JDK server adds Date, Content-type and Content-length: 190 + 3 is under the limit, 201 + 3 over it.
        try (Upstream upstream = new Upstream().on("/few", headers(190)).on("/many", headers(201)); Engine engine = new Engine()) {
            engine.property("upstream", upstream.url("")).add("{\"name\": \"few\", \"url\": \"{{upstream}}/few\"}")
                    .add("{\"name\": \"many\", \"url\": \"{{upstream}}/many\"}");

            ActionResult few = engine.execute("few");
            ActionResult many = engine.execute("many");

            assertThat(few.success()).as(String.valueOf(few.error())).isTrue();
            assertThat(few.statusCode()).isEqualTo(200);
            assertThat(many.success()).isFalse();
            assertThat(many.error()).isEqualTo("response headers of 127.0.0.1:" + upstream.port() + " are larger than 65536 bytes in"
                    + " all or more than 200 (webhook.max-response-header-bytes); nothing was kept");
        }
    }
}
