package io.webhookactions.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.support.Json;
import io.webhookactions.testing.EmbeddedKafka;
import io.webhookactions.testing.Engine;
import io.webhookactions.testing.Eventually;
import io.webhookactions.testing.KafkaTopics;
import io.webhookactions.testing.ServiceUnderTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} with {@code webhook.kafka.enabled}, one instance, against a real broker and a real upstream: what a
 * request record gets back, what a poison record gets, and what a request delivered twice gets.
 */
class KafkaRequestsTest {

    private static final String REQUESTS = "requests-one";
    private static final String RESULTS = "results-one";
    private static final String DEAD_LETTERS = "dead-letters-one";

    @TempDir
    static Path dir;

    private static KafkaTopics topics;
    private static CountingUpstream upstream;
    private static ServiceUnderTest service;
    private static Producer<String, String> producer;
    private static KafkaTopics.Tail results;
    private static KafkaTopics.Tail deadLetters;

    @BeforeAll
    static void start() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        kafka.createTopic(REQUESTS, 3);
        // Smaller than the broker's default, so one test's result is too large for it.
        kafka.createTopic(RESULTS, 3, java.util.Map.of("max.message.bytes", String.valueOf(CountingUpstream.BIG / 2)));
        kafka.createTopic(DEAD_LETTERS, 1);
        topics = new KafkaTopics(kafka);
        upstream = new CountingUpstream();
        producer = topics.producer();
        // Waiting before the service starts: taken only once the actions run, or it would be "unknown".
        producer.send(new ProducerRecord<>(REQUESTS, "conversation-0", request("early", "conversation-0", 0))).get();
        service = ServiceUnderTest.start(dir, routes(dir), "upstream=" + upstream.base("one") + "\n"
                + settings(kafka, REQUESTS, RESULTS, DEAD_LETTERS, "group-one", 1));
        results = topics.tail(RESULTS);
        deadLetters = topics.tail(DEAD_LETTERS);
    }

    @AfterAll
    static void stop() {
        results.close();
        deadLetters.close();
        topics.close();
        producer.close();
        service.close();
        upstream.close();
    }

    /** The routes folder of the Kafka tests: the {@code work}, {@code tag} and {@code big} actions. */
    static Path routes(Path dir) throws IOException {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        for (String name : List.of("work", "tag", "big")) {
            Files.copy(Engine.DEFINITIONS.resolve("kafka/" + name + ".webhook.json"), routes.resolve(name + ".webhook.json"));
        }
        return routes;
    }

    /** The {@code webhook.kafka.*} lines of an instance's configuration. */
    static String settings(EmbeddedKafka kafka, String requests, String results, String deadLetters, String group, int consumers) {
        return "webhook.demo.enabled=false\nwebhook.kafka.enabled=true\nwebhook.kafka.brokers=" + kafka.bootstrapServers() + "\n"
                + "webhook.kafka.requests-topic=" + requests + "\nwebhook.kafka.results-topic=" + results + "\n"
                + "webhook.kafka.dead-letter-topic=" + deadLetters + "\nwebhook.kafka.group-id=" + group + "\n"
                + "webhook.kafka.consumers=" + consumers + "\n";
    }

    static String request(String id, String key, int seq) {
        return "{\"id\": \"" + id + "\", \"action\": \"work\", \"context\": {\"user\": {\"request_id\": \"" + id + "\", \"key\": \""
                + key + "\", \"seq\": " + seq + "}}}";
    }

    @Test
    void aRequestGetsOneResultUnderItsKeyWithTheAttributesTheActionSet() throws Exception {
        producer.send(new ProducerRecord<>(REQUESTS, "conversation-1", request("r-1", "conversation-1", 1))).get();

        ConsumerRecord<String, String> result = awaitResult("r-1");

        assertThat(result.key()).isEqualTo("conversation-1");
        assertThat(json(result.value())).isEqualTo(json("{\"id\": \"r-1\", \"action\": \"work\", \"success\": true,"
                + " \"status_code\": 200, \"error\": null, \"duration_ms\": " + json(result.value()).get("duration_ms")
                + ", \"attributes\": {\"user\": {\"done\": \"r-1\", \"step\": \"work\", \"work_action_success\": true,"
                + " \"action_success\": true, \"work_status_code\": 200}, \"session\": {}}}"));
        assertThat(upstream.executions("r-1")).isEqualTo(1);
    }

    @Test
    void aRequestWaitingWhenTheServiceStartsRunsOnceItsActionIsLoaded() {
        assertThat(json(awaitResult("early").value()).get("success").booleanValue()).isTrue();
    }

    /**
     * The history listens before Camel starts the consumers (it used to start only once the API listened). The broker's
     * group join usually outlasts that window, so this passes by timing without the fix too; it guards the outcome.
     */
    @Test
    void theRequestWaitingWhenTheServiceStartsIsInTheExecutionHistory() {
        awaitResult("early");
        Eventually.await(Duration.ofSeconds(20), "the early request's execution recorded", () -> {
            try {
                JsonNode list = json(service.get("/api/executions?action=work&limit=100").body());
                for (JsonNode item : list.get("items")) {
                    if (service.get("/api/executions/" + item.get("id").asText()).body().contains("\"early\"")) {
                        return true;
                    }
                }
                return false;
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aPipelineGetsTheAttributesOfAllItsActionsLaterOnesWinningAndOneSummaryPerAction() throws Exception {
        producer.send(new ProducerRecord<>(REQUESTS, "conversation-2", "{\"id\": \"p-1\", \"actions\": [\"work\", \"tag\"],"
                + " \"context\": {\"user\": {\"request_id\": \"p-1\", \"key\": \"conversation-2\", \"seq\": 1}}}")).get();

        JsonNode result = json(awaitResult("p-1").value());

        assertThat(result.get("actions")).isEqualTo(json("[\"work\", \"tag\"]"));
        assertThat(result.get("success").booleanValue()).isTrue();
        assertThat(result.get("attributes")).isEqualTo(json("{\"user\": {\"done\": \"p-1\", \"step\": \"tag\", \"tag\": \"t-p-1\","
                + " \"work_action_success\": true, \"work_status_code\": 200, \"tag_action_success\": true, \"tag_status_code\": 200,"
                + " \"action_success\": true}, \"session\": {}}"));
        assertThat(result.get("results")).extracting(each -> each.get("action").asText()).containsExactly("work", "tag");
        assertThat(result.get("results")).allSatisfy(each -> assertThat(each.get("status_code").intValue()).isEqualTo(200));
    }

    @Test
    void recordsThatAreNotJsonOrNameNoKnownActionGoToTheDeadLettersWithTheReasonAndConsumptionGoesOn() throws Exception {
        producer.send(new ProducerRecord<>(REQUESTS, "conversation-3", "this is not JSON")).get();
        producer.send(new ProducerRecord<>(REQUESTS, "conversation-3",
                "{\"id\": \"d-2\", \"action\": \"no_such_action\", \"context\": {}}")).get();
        producer.send(new ProducerRecord<>(REQUESTS, "conversation-3", request("d-3", "conversation-3", 3))).get();

        ConsumerRecord<String, String> notJson = awaitLetter("this is not JSON");
        ConsumerRecord<String, String> unknown = awaitLetter("{\"id\": \"d-2\", \"action\": \"no_such_action\", \"context\": {}}");

        assertThat(notJson.key()).isEqualTo("conversation-3");
        JsonNode letter = json(notJson.value());
        assertThat(letter.get("reason").asText()).startsWith("not JSON: Unrecognized token 'this'");
        assertThat(letter.get("id").isNull()).isTrue();
        assertThat(letter.get("topic").asText()).isEqualTo(REQUESTS);
        assertThat(json(unknown.value()).get("reason").asText()).isEqualTo("no webhook action named \"no_such_action\"");
        assertThat(json(unknown.value()).get("id").asText()).isEqualTo("d-2");
        assertThat(json(awaitResult("d-3").value()).get("success").booleanValue()).as("the request after them").isTrue();
        assertThat(results("d-2")).as("no result for a dead letter").isEmpty();
    }

    @Test
    void aResultTooLargeForTheResultsTopicSendsItsRequestToTheDeadLettersAndConsumptionGoesOn() throws Exception {
        String big = "{\"id\": \"b-1\", \"action\": \"big\", \"context\": {\"user\": {\"request_id\": \"b-1\"}}}";
        producer.send(new ProducerRecord<>(REQUESTS, "conversation-6", big)).get();
        producer.send(new ProducerRecord<>(REQUESTS, "conversation-6", request("b-2", "conversation-6", 2))).get();

        JsonNode letter = json(awaitLetter(big).value());

        assertThat(letter.get("id").asText()).isEqualTo("b-1");
        assertThat(letter.get("reason").asText()).startsWith("executed, but the result could not be written to the results topic: ")
                .contains("larger than");
        assertThat(json(awaitResult("b-2").value()).get("success").booleanValue()).as("the request after it").isTrue();
        assertThat(results("b-1")).isEmpty();
    }

    @Test
    void aRequestDeliveredTwiceIsExecutedOnceAndGetsItsFirstResultWrittenAgain() throws Exception {
        String twice = request("t-1", "conversation-4", 1);
        producer.send(new ProducerRecord<>(REQUESTS, "conversation-4", twice)).get();
        producer.send(new ProducerRecord<>(REQUESTS, "conversation-4", twice)).get();
        producer.send(new ProducerRecord<>(REQUESTS, "conversation-4", request("t-2", "conversation-4", 2))).get();

        awaitResult("t-2");

        assertThat(upstream.executions("t-1")).isEqualTo(1);
        List<ConsumerRecord<String, String>> results = results("t-1");
        assertThat(results).hasSize(2);
        assertThat(results.get(1).value()).as("the remembered result, duration included").isEqualTo(results.get(0).value());
    }

    @Test
    void anIdUsedAgainByADifferentRequestGoesToTheDeadLettersInsteadOfGettingTheOtherResult() throws Exception {
        producer.send(new ProducerRecord<>(REQUESTS, "conversation-5", request("u-1", "conversation-5", 1))).get();
        String other = request("u-1", "conversation-5", 2);
        producer.send(new ProducerRecord<>(REQUESTS, "conversation-5", other)).get();

        ConsumerRecord<String, String> letter = awaitLetter(other);

        assertThat(json(letter.value()).get("reason").asText()).isEqualTo("id \"u-1\" was used by a different request within the"
                + " last 600 s (webhook.kafka.idempotency-window-seconds); every request needs an id of its own");
        assertThat(upstream.executions("u-1")).isEqualTo(1);
        assertThat(results("u-1")).hasSize(1);
    }

    private static ConsumerRecord<String, String> awaitResult(String id) {
        Eventually.await(Duration.ofSeconds(30), "a result for " + id, () -> !results(id).isEmpty());
        return results(id).get(0);
    }

    /** The results of request {@code id} so far. */
    private static List<ConsumerRecord<String, String>> results(String id) {
        return results.records().stream().filter(record -> id.equals(json(record.value()).path("id").asText(null))).toList();
    }

    private static ConsumerRecord<String, String> awaitLetter(String payload) {
        Eventually.await(Duration.ofSeconds(30), "a dead letter for " + payload, () -> letter(payload).isPresent());
        return letter(payload).orElseThrow();
    }

    private static Optional<ConsumerRecord<String, String>> letter(String payload) {
        return deadLetters.records().stream().filter(record -> payload.equals(json(record.value()).get("payload").asText()))
                .findFirst();
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
