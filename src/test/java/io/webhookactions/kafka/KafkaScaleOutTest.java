package io.webhookactions.kafka;

import static io.webhookactions.kafka.KafkaRequestsTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.webhookactions.testing.EmbeddedKafka;
import io.webhookactions.testing.Eventually;
import io.webhookactions.testing.KafkaTopics;
import io.webhookactions.testing.ServiceUnderTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Scale-out on Kafka (docs/scaling.md): instances of {@code serve} in one consumer group share the requests, against
 * a real broker and a real counting upstream. With every instance alive, each request runs exactly once and gets
 * exactly one result, in its key's order, also when one of them is stopped mid-run (a rolling deployment); when one
 * instance is killed mid-run (a separate JVM, SIGKILL: nothing
 * committed, nothing said goodbye) the other takes its partitions and nothing is lost, at the price of running again
 * the few requests the dead one had executed but not yet committed.
 */
// The plain run first: the later ones then run on a warmed-up JIT, which halves their time on 2 cores.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaScaleOutTest {

    /** Conversations: the record key; each conversation's requests carry the sequence numbers 0, 1, 2, ... */
    private static final int KEYS = 200;
    private static final int PARTITIONS = 8;

    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;
    private static KafkaTopics topics;
    private static CountingUpstream upstream;
    private static Path routes;
    private static Level executionLogLevel;

    @BeforeAll
    static void start() throws Exception {
        // Thousands of execution lines through surefire's output channel cost more CPU than the test can spare.
        Logger executionLog = (Logger) LoggerFactory.getLogger("io.webhookactions.execution");
        executionLogLevel = executionLog.getLevel();
        executionLog.setLevel(Level.WARN);
        kafka = EmbeddedKafka.shared();
        topics = new KafkaTopics(kafka);
        upstream = new CountingUpstream();
        routes = KafkaRequestsTest.routes(dir);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger("io.webhookactions.execution")).setLevel(executionLogLevel);
        topics.close();
        upstream.close();
    }

    @Test
    @Order(1)
    void twoInstancesInOneGroupShareTenThousandRequestsAndRunEachOnceWithOneResultInItsKeysOrder() throws Exception {
        int count = 10_000;
        String prefix = "s-";
        createTopics("scale");
        try (ServiceUnderTest a = instance("scale", "a"); ServiceUnderTest b = instance("scale", "b")) {
            Eventually.await(Duration.ofSeconds(60), "both instances in the group: " + topics.describe("group-scale"),
                    () -> topics.stableWith("group-scale", 4));

            long started = System.nanoTime();
            produce("requests-scale", prefix, count);
            Eventually.await(Duration.ofSeconds(120), "every request committed", () -> topics.committed("group-scale", "requests-scale") == count);
            System.out.printf("scale test: %d requests through two instances in %d ms%n", count, (System.nanoTime() - started) / 1_000_000);
        }

        List<ConsumerRecord<String, String>> results = topics.readAll("results-scale");
        Map<String, List<ConsumerRecord<String, String>>> byId = byId(results);
        assertThat(byId.keySet()).as("a result for every request").isEqualTo(ids(prefix, count));
        assertThat(results).as("exactly one result per request").hasSize(count);
        assertThat(IntStream.range(0, count).filter(i -> upstream.executions(prefix + i) != 1).mapToObj(i -> prefix + i))
                .as("requests not executed exactly once").isEmpty();
        assertThat(upstream.executedBy("a")).as("instance a did a share").isPositive();
        assertThat(upstream.executedBy("b")).as("instance b did a share").isPositive();
        assertThat(upstream.executedBy("a") + upstream.executedBy("b")).isEqualTo(count);
        assertResultsMatchTheirRequests(results);
        for (int key = 0; key < KEYS; key++) {
            List<Integer> expected = IntStream.range(0, count / KEYS).boxed().toList();
            assertThat(sequence(results, key(prefix, key))).as("results of " + key(prefix, key) + " in order").isEqualTo(expected);
            assertThat(upstream.arrivals(key(prefix, key))).as("executions of " + key(prefix, key) + " in order").isEqualTo(expected);
        }
    }

    @Test
    @Order(2)
    void anInstanceStoppedMidRunHandsItsPartitionsOverWithoutRunningAnythingTwice() throws Exception {
        int count = 2_000;
        String prefix = "g-";
        createTopics("stop");
        try (ServiceUnderTest leaving = instance("stop", "leaving"); ServiceUnderTest staying = instance("stop", "staying")) {
            Eventually.await(Duration.ofSeconds(60), "both instances in the group: " + topics.describe("group-stop"),
                    () -> topics.stableWith("group-stop", 4));

            produce("requests-stop", prefix, count);
            Eventually.await(Duration.ofSeconds(60), "the instance to stop at work", () -> upstream.executedBy("leaving") >= count / 10);
            leaving.stop();
            int executedByLeaving = upstream.executedBy("leaving");

            Eventually.await(Duration.ofSeconds(120), "every request committed", () -> topics.committed("group-stop", "requests-stop") == count);
            assertThat(executedByLeaving).as("the stopped instance had not done everything").isLessThan(count / 2);
            assertThat(upstream.executedBy("leaving")).as("nothing ran on the stopped instance after it stopped").isEqualTo(executedByLeaving);
        }

        List<ConsumerRecord<String, String>> results = topics.readAll("results-stop");
        assertThat(byId(results).keySet()).as("a result for every request").isEqualTo(ids(prefix, count));
        assertThat(results).as("exactly one result per request").hasSize(count);
        assertThat(IntStream.range(0, count).filter(i -> upstream.executions(prefix + i) != 1).mapToObj(i -> prefix + i))
                .as("requests not executed exactly once").isEmpty();
        for (int key = 0; key < KEYS; key++) {
            assertThat(sequence(results, key(prefix, key))).as("results of " + key(prefix, key) + " in order")
                    .isEqualTo(IntStream.range(0, count / KEYS).boxed().toList());
        }
    }

    @Test
    @Order(3)
    void anInstanceKilledMidRunLosesNoRequestAndTheOtherTakesOverItsPartitions() throws Exception {
        int count = 2_000;
        String prefix = "k-";
        createTopics("kill");
        Path killedDir = Files.createDirectories(dir.resolve("killed"));
        Process killed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "io.webhookactions.app.WebhookActionsCli", "serve", "--config", config(killedDir, "kill", "killed").toString())
                .redirectErrorStream(true).redirectOutput(killedDir.resolve("out.log").toFile()).start();
        List<Integer> duplicated = new ArrayList<>();
        try (ServiceUnderTest survivor = instance("kill", "survivor")) {
            Eventually.await(Duration.ofSeconds(90), "both instances in the group: " + topics.describe("group-kill"),
                    () -> topics.stableWith("group-kill", 4) || !killed.isAlive());
            assertThat(killed.isAlive()).as(log(killedDir)).isTrue();

            produce("requests-kill", prefix, count);
            Eventually.await(Duration.ofSeconds(60), "the instance to kill at work", () -> upstream.executedBy("killed") >= count / 10);
            killed.destroyForcibly();
            assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int executedByKilled = upstream.executedBy("killed");

            Eventually.await(Duration.ofSeconds(120), "every request committed", () -> topics.committed("group-kill", "requests-kill") == count);
            assertThat(upstream.executedBy("killed")).as("nothing ran on the killed instance after the kill").isEqualTo(executedByKilled);
        } finally {
            killed.destroyForcibly();
        }

        List<ConsumerRecord<String, String>> results = topics.readAll("results-kill");
        Map<String, List<ConsumerRecord<String, String>>> byId = byId(results);
        assertThat(byId.keySet()).as("a result for every request: none lost").isEqualTo(ids(prefix, count));
        IntStream.range(0, count).filter(i -> upstream.executions(prefix + i) != 1).forEach(duplicated::add);
        assertThat(IntStream.range(0, count).filter(i -> upstream.executions(prefix + i) == 0)).as("never executed").isEmpty();
        assertResultsMatchTheirRequests(results);
        for (int key = 0; key < KEYS; key++) {
            assertThat(firstOccurrences(sequence(results, key(prefix, key)))).as("results of " + key(prefix, key) + ", each first one in order")
                    .isEqualTo(IntStream.range(0, count / KEYS).boxed().toList());
        }
        // With a commit after every result, what runs again is what the killed instance had in hand: at most one
        // request per consumer thread (executed, maybe written, not committed).
        System.out.printf("kill test: %d of %d requests ran twice (%s), %d results written twice%n", duplicated.size(), count,
                duplicated.stream().map(i -> prefix + i).toList(), results.size() - count);
        assertThat(duplicated).as("requests run again after the kill").hasSizeLessThanOrEqualTo(2);
        assertThat(results.size() - count).as("results written again after the kill").isBetween(0, duplicated.size());
    }

    private static void createTopics(String name) throws Exception {
        kafka.createTopic("requests-" + name, PARTITIONS);
        kafka.createTopic("results-" + name, PARTITIONS);
        kafka.createTopic("dead-letters-" + name, 1);
    }

    /** An instance of {@code serve} in this JVM: two consumer threads, its upstream calls marked with its name. */
    private static ServiceUnderTest instance(String test, String name) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        return ServiceUnderTest.start(home, routes, "upstream=" + upstream.base(name) + "\n" + settings(test));
    }

    private static String settings(String test) {
        return KafkaRequestsTest.settings(kafka, "requests-" + test, "results-" + test, "dead-letters-" + test, "group-" + test, 2)
                + "webhook.kafka.max-poll-records=100\n"
                // A member that stops heart-beating is out of the group after 2 s instead of 45 s.
                + "camel.component.kafka.session-timeout-ms=2000\ncamel.component.kafka.heartbeat-interval-ms=500\n";
    }

    /** The configuration file of an instance started as its own process, as ServiceUnderTest writes one. */
    private static Path config(Path home, String test, String name) throws IOException {
        Path config = home.resolve("application.properties");
        Files.writeString(config, "webhook.routes=" + routes + "\nwebhook.attributes-file=" + home.resolve("none.json") + "\n"
                + "webhook.secrets-file=" + home.resolve("secrets.json") + "\nwebhook.master-key-file=" + home.resolve("master.key") + "\n"
                + "webhook.api.keys-file=" + home.resolve("api-keys.json") + "\ncamel.server.port=" + ServiceUnderTest.freePort() + "\n"
                + "upstream=" + upstream.base(name) + "\n" + settings(test));
        return config;
    }

    private static void produce(String topic, String prefix, int count) {
        try (Producer<String, String> producer = topics.producer()) {
            for (int i = 0; i < count; i++) {
                String key = key(prefix, i);
                producer.send(new ProducerRecord<>(topic, key, KafkaRequestsTest.request(prefix + i, key, i / KEYS)));
            }
            producer.flush();
        }
    }

    /** The key of request {@code i}: one of {@value #KEYS} conversations, named apart per test. */
    private static String key(String prefix, int i) {
        return prefix + "c" + (i % KEYS);
    }

    private static Set<String> ids(String prefix, int count) {
        Set<String> ids = new HashSet<>();
        IntStream.range(0, count).forEach(i -> ids.add(prefix + i));
        return ids;
    }

    private static Map<String, List<ConsumerRecord<String, String>>> byId(List<ConsumerRecord<String, String>> results) {
        Map<String, List<ConsumerRecord<String, String>>> byId = new LinkedHashMap<>();
        results.forEach(result -> byId.computeIfAbsent(json(result.value()).get("id").asText(), any -> new ArrayList<>()).add(result));
        return byId;
    }

    /** Each result is its own request's: under the request's key, successful, with the id the upstream answered for. */
    private static void assertResultsMatchTheirRequests(List<ConsumerRecord<String, String>> results) {
        assertThat(results).allSatisfy(result -> {
            String id = json(result.value()).get("id").asText();
            int i = Integer.parseInt(id.substring(2));
            assertThat(result.key()).isEqualTo(key(id.substring(0, 2), i));
            assertThat(json(result.value()).get("success").booleanValue()).isTrue();
            assertThat(json(result.value()).at("/attributes/user/done").asText()).isEqualTo(id);
        });
    }

    /** The sequence numbers of {@code key}'s results, in the order the results topic holds them. */
    private static List<Integer> sequence(List<ConsumerRecord<String, String>> results, String key) {
        return results.stream().filter(result -> key.equals(result.key()))
                .map(result -> Integer.parseInt(json(result.value()).get("id").asText().substring(2)) / KEYS).toList();
    }

    private static List<Integer> firstOccurrences(List<Integer> sequence) {
        return sequence.stream().distinct().toList();
    }

    private static String log(Path home) {
        try {
            return "the killed instance's log:\n" + Files.readString(home.resolve("out.log"));
        } catch (IOException e) {
            return "no log: " + e;
        }
    }
}
