package io.webhookactions.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webhookactions.attribute.Context;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.response.ActionResult;
import io.webhookactions.runtime.ExecutionInput;
import io.webhookactions.runtime.UnknownActionException;
import io.webhookactions.testing.Engine;
import io.webhookactions.testing.Upstream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC §4 pipelines: in order, each action sees what the previous ones set, a failure does not stop the rest. */
class PipelineTest {

    @Test
    void eachActionSeesThePreviousOutputsAndActionSuccessIsOverwritten() throws IOException {
        try (Upstream upstream = new Upstream(); Engine engine = new Engine()) {
            upstream.on("/login", Upstream.json(200, "{\"token\": \"t-1\"}"));
            upstream.on("/orders", (exchange, body) -> Upstream.respond(exchange, 404, "application/json", "{\"error\": \"none\"}"));
            upstream.on("/profile", Upstream.json(200, "{\"name\": \"Ada\"}"));
            engine.property("upstream", upstream.url("")).load("login").load("orders").load("profile");

            List<ActionResult> results = engine.actions().pipeline(List.of("login", "orders", "profile"), ExecutionInput.of(Contexts.empty(), "pipeline"));

            assertThat(results).extracting(ActionResult::action).containsExactly("login", "orders", "profile");
            assertThat(upstream.requests()).extracting(Upstream.Received::uri).containsExactly("/login", "/orders?t=t-1", "/profile?t=t-1");
            assertThat(results.get(1).success()).isFalse();
            Contexts last = results.get(2).contexts();
            assertThat(last.get(Context.USER, "login_action_success").booleanValue()).isTrue();
            assertThat(last.get(Context.USER, "orders_action_success").booleanValue()).isFalse();
            assertThat(last.get(Context.USER, "profile_action_success").booleanValue()).isTrue();
            assertThat(last.get(Context.USER, "action_success").booleanValue()).as("the last action's value").isTrue();
            assertThat(last.get(Context.USER, "name").asText()).isEqualTo("Ada");
        }
    }

    @Test
    void unknownActionIsRefusedBeforeAnythingRuns() throws IOException {
        try (Upstream upstream = new Upstream(); Engine engine = new Engine()) {
            upstream.on("/a", Upstream.json(200, "{}"));
            engine.property("upstream", upstream.url("")).load("pipeline_a");

            assertThatThrownBy(() -> engine.actions().pipeline(List.of("pipeline_a", "missing"), ExecutionInput.of(Contexts.empty(), "pipeline")))
                    .isInstanceOf(UnknownActionException.class)
                    .hasMessageContaining("missing");
            assertThat(upstream.requestCount()).isZero();
        }
    }
}
