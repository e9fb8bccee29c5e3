package io.webhookactions.kafka;

import static io.webhookactions.kafka.KafkaRequestsTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.webhookactions.testing.CapturedLogs;
import io.webhookactions.testing.EmbeddedKafka;
import io.webhookactions.testing.Eventually;
import io.webhookactions.testing.KafkaTopics;
import io.webhookactions.testing.PostgresServer;
import io.webhookactions.testing.ServiceUnderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared idempotency guard end to end (docs/scaling.md): two instances of {@code serve} in one consumer group, their
 * history on one real PostgreSQL database, a real broker, a real counting upstream. Instance A executes a request and
 * stores its result, but never gets its result written nor its offset committed: its producer refuses every record (a
 * {@code max.request.size} smaller than any result), so it fails on that record until it is stopped, as an instance
 * dying between storing and committing would leave it. Instance B then gets the redelivered request and writes A's
 * stored result without calling the upstream.
 */
class KafkaSharedGuardTest {

    private static final String TOPICS = "shared";

    @TempDir
    static Path dir;

    private static PostgresServer postgres;
    private static String database;
    private static EmbeddedKafka kafka;
    private static KafkaTopics topics;
    private static CountingUpstream upstream;
    private static Path routes;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.startNew();
        database = postgres.createDatabase("history");
        kafka = EmbeddedKafka.shared();
        kafka.createTopic("requests-" + TOPICS, 1);
        kafka.createTopic("results-" + TOPICS, 1);
        kafka.createTopic("dead-letters-" + TOPICS, 1);
        topics = new KafkaTopics(kafka);
        upstream = new CountingUpstream();
        routes = KafkaRequestsTest.routes(dir);
    }

    @AfterAll
    static void stop() {
        if (topics != null) {
            topics.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aRequestWhoseResultAStoppedInstanceStoredIsAnsweredWithThatResultByTheNextWithoutCallingTheUpstreamAgain() throws Exception {
        String request = KafkaRequestsTest.request("c-1", "conversation-1", 1);
        try (CapturedLogs logs = new CapturedLogs(Level.WARN);
             ServiceUnderTest a = instance("a", "camel.component.kafka.max-request-size=64\n")) {
            try (Producer<String, String> producer = topics.producer()) {
                producer.send(new ProducerRecord<>("requests-" + TOPICS, "conversation-1", request)).get();
            }
            Eventually.await(Duration.ofSeconds(30), "A executed the request and stored its result", () -> storedResult("c-1") != null);
            // Its result refused, then its dead letter too: the exchange fails, the record is polled again, and again.
            Eventually.await(Duration.ofSeconds(30), "A failed to write the result twice", () -> logs.lines(DeadLetter.class.getName())
                    .stream().filter(line -> line.startsWith("kafka request c-1 ")).count() >= 2);
            assertThat(upstream.executedBy("a")).as("A's re-polls answered from its memory").isEqualTo(1);
        }
        assertThat(topics.committed("group-" + TOPICS, "requests-" + TOPICS)).as("A committed nothing").isZero();
        assertThat(topics.readAll("results-" + TOPICS)).as("A wrote no result").isEmpty();
        String stored = storedResult("c-1");

        try (ServiceUnderTest b = instance("b", "")) {
            Eventually.await(Duration.ofSeconds(60), "B committed the redelivered request",
                    () -> topics.committed("group-" + TOPICS, "requests-" + TOPICS) == 1);
        }

        List<ConsumerRecord<String, String>> results = topics.readAll("results-" + TOPICS);
        assertThat(results).as("one result, written by B").hasSize(1);
        assertThat(results.get(0).key()).isEqualTo("conversation-1");
        assertThat(results.get(0).value()).as("A's stored result, duration included").isEqualTo(stored);
        assertThat(json(stored).get("success").booleanValue()).isTrue();
        assertThat(upstream.executions("c-1")).as("upstream calls for the request").isEqualTo(1);
        assertThat(upstream.executedBy("b")).isZero();
    }

    /** An instance of {@code serve} with its history on the shared PostgreSQL database, its upstream calls marked {@code name}. */
    private static ServiceUnderTest instance(String name, String more) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        return ServiceUnderTest.start(home, routes, "upstream=" + upstream.base(name) + "\n"
                + KafkaRequestsTest.settings(kafka, "requests-" + TOPICS, "results-" + TOPICS, "dead-letters-" + TOPICS, "group-" + TOPICS, 1)
                + "webhook.history.url=" + database + "\nwebhook.history.username=" + postgres.user() + "\nwebhook.history.password="
                + postgres.password() + "\n" + more);
    }

    /** The result record the shared guard stored for {@code id}, read straight from the database; null before. */
    private static String storedResult(String id) {
        try (Connection connection = DriverManager.getConnection(database, postgres.user(), postgres.password());
             PreparedStatement select = connection.prepareStatement("SELECT result FROM webhook_kafka_request WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (SQLException e) {
            // The table appears with A's first connection to the history.
            return null;
        }
    }
}
