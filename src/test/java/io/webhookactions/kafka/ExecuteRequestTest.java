package io.webhookactions.kafka;

import static io.webhookactions.kafka.KafkaRequestsTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webhookactions.runtime.ExecutionInput;
import io.webhookactions.testing.Engine;
import io.webhookactions.testing.Upstream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The execution step of the Kafka route, on a real engine against a real upstream. */
class ExecuteRequestTest {

    private final Upstream upstream;
    private final Engine engine;
    private final List<ExecutionInput> executed = new CopyOnWriteArrayList<>();
    private final IdempotencyGuard guard = new IdempotencyGuard(Duration.ofMinutes(10), 100);

    ExecuteRequestTest() throws Exception {
        upstream = new Upstream().on("/", (exchange, body) -> Upstream.respond(exchange, 200, "application/json",
                "{\"done\": \"yes\", \"step\": \"" + exchange.getRequestURI().getPath().split("/")[2] + "\"}"));
        engine = new Engine().property("upstream", upstream.url("/kafka")).load("kafka/work").load("kafka/tag");
        engine.actions().addListener((input, startedAt, result) -> executed.add(input));
    }

    @AfterEach
    void close() {
        engine.close();
        upstream.close();
    }

    @Test
    void oneActionRunsAsAComponentCallAndAPipelineAsAPipelineBothWithTheGroupAsCaller() {
        ExecuteRequest step = new ExecuteRequest(ExecuteRequest.Runner.on(engine.actions(), "kafka:billing"), guard);

        step.process(exchange("{\"id\": \"r-1\", \"action\": \"work\", \"context\": {\"user\": {\"request_id\": \"r-1\", \"key\": \"k\", \"seq\": 1}}}"));
        step.process(exchange("{\"id\": \"p-1\", \"actions\": [\"work\", \"tag\"], \"context\": {\"user\": {\"request_id\": \"p-1\", \"key\": \"k\", \"seq\": 2}}}"));

        assertThat(executed).extracting(ExecutionInput::source, ExecutionInput::caller).containsExactly(
                org.assertj.core.groups.Tuple.tuple("component", "kafka:billing"),
                org.assertj.core.groups.Tuple.tuple("pipeline", "kafka:billing"),
                org.assertj.core.groups.Tuple.tuple("pipeline", "kafka:billing"));
    }

    @Test
    void theResultRecordBecomesTheBody() {
        ExecuteRequest step = new ExecuteRequest(ExecuteRequest.Runner.on(engine.actions(), "kafka:billing"), guard);
        Exchange exchange = exchange("{\"id\": \"r-2\", \"action\": \"work\", \"context\": {\"user\": {\"request_id\": \"r-2\", \"key\": \"k\", \"seq\": 1}}}");

        step.process(exchange);

        assertThat(json(exchange.getMessage().getBody(String.class)).at("/attributes/user/step").asText()).isEqualTo("work");
    }

    @Test
    void anUnknownActionRefusesTheRequest() {
        ExecuteRequest step = new ExecuteRequest(ExecuteRequest.Runner.on(engine.actions(), "kafka:billing"), guard);

        assertThatThrownBy(() -> step.process(exchange("{\"id\": \"u-1\", \"actions\": [\"work\", \"nope\"]}")))
                .isInstanceOfSatisfying(RejectedRequest.class, refused -> {
                    assertThat(refused.getMessage()).isEqualTo("no webhook action named \"nope\"");
                    assertThat(refused.id()).isEqualTo("u-1");
                });
        assertThat(upstream.requestCount()).as("nothing of the pipeline ran").isZero();
    }

    @Test
    void anExecutionThatKeepsFailingIsRetriedTwiceThenRefusedSoItsPartitionMovesOn() {
        ExecuteRequest step = new ExecuteRequest(request -> {
            throw new IllegalStateException("the engine broke");
        }, guard);
        String payload = "{\"id\": \"f-1\", \"action\": \"work\"}";

        assertThatThrownBy(() -> step.process(exchange(payload))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> step.process(exchange(payload))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> step.process(exchange(payload))).isInstanceOf(RejectedRequest.class)
                .hasMessage("execution failed 3 times: java.lang.IllegalStateException: the engine broke");
    }

    private Exchange exchange(String payload) {
        Exchange exchange = new DefaultExchange(engine.camel());
        exchange.setProperty(KafkaRoutes.REQUEST, RequestRecord.parse(payload, 20));
        return exchange;
    }
}
