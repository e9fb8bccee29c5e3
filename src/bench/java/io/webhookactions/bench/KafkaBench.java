package io.webhookactions.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.support.Json;
import io.webhookactions.testing.EmbeddedKafka;
import io.webhookactions.testing.KafkaTopics;
import io.webhookactions.testing.ServiceUnderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka mode of {@code serve}: one instance against two in one consumer group (and one with the consumer threads of
 * two), measured in turns against a broker in this JVM and the loopback upstream, each instance a full {@code serve}, on
 * a requests topic of {@value #PARTITIONS} partitions.
 * <ul>
 *   <li>throughput: {@value #MEASURED} requests produced at once, timed from the first send to the last result read;</li>
 *   <li>latency: requests produced at a fixed {@value #RATE}/s for {@value #SECONDS} s, each timed from its send to its
 *       result being read (in the second pair of turns, on a warm JIT).</li>
 * </ul>
 * Everything shares this machine's cores: a second instance adds consumer threads, not CPU.
 */
final class KafkaBench {

    static final int PARTITIONS = 8;
    static final int CONSUMERS = 4;
    static final int WARMUP = 2_000;
    static final int MEASURED = 10_000;
    static final int RATE = 200;
    static final int SECONDS = 15;

    private final EmbeddedKafka kafka;
    private final KafkaTopics topics;
    private final BenchUpstream upstream;
    private final Path dir;
    private final Path routes;
    private int turn;

    private KafkaBench(EmbeddedKafka kafka, BenchUpstream upstream, Path dir) throws Exception {
        this.kafka = kafka;
        this.topics = new KafkaTopics(kafka);
        this.upstream = upstream;
        this.dir = dir;
        this.routes = Files.createDirectories(dir.resolve("routes"));
        Files.writeString(routes.resolve("bench_get.webhook.json"), "{\"name\": \"bench_get\", \"url\": \"{{upstream}}/users/{user_id}\","
                + " \"response\": {\"2xx\": {\"outputs\": {\"user_name\": \"data.name\", \"user_email\": \"data.email\","
                + " \"plan\": \"data.plan.id\"}}}}");
    }

    /** A deployment measured: how many instances, how many consumer threads each. */
    private record Shape(String key, int instances, int consumers) {
        int threads() {
            return instances * consumers;
        }
    }

    /**
     * One instance and two with the same consumers each, and one instance with as many consumer threads as the two
     * together: a consumer thread mostly waits (upstream, broker acknowledgement, commit), so threads, not instances,
     * may be what a second instance adds on one machine.
     */
    private static final List<Shape> SHAPES = List.of(new Shape("one_instance", 1, CONSUMERS),
            new Shape("two_instances", 2, CONSUMERS), new Shape("one_instance_double_consumers", 1, 2 * CONSUMERS));

    /** Runs every turn and returns the {@code kafka} row of results.json. */
    static ObjectNode run() throws Exception {
        Path dir = Files.createTempDirectory("kafka-bench-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); BenchUpstream upstream = new BenchUpstream()) {
            KafkaBench bench = new KafkaBench(kafka, upstream, dir);
            double[][] throughput = new double[SHAPES.size()][2];
            long[][] latencies = new long[SHAPES.size()][];
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < SHAPES.size(); i++) {
                    throughput[i][round] = bench.turn(SHAPES.get(i), round == 1 ? latencies : null, i);
                }
            }
            bench.topics.close();
            ObjectNode row = Json.mapper().createObjectNode();
            row.put("partitions", PARTITIONS);
            row.put("requests_measured", MEASURED);
            ObjectNode perSecond = row.putObject("requests_per_s");
            ObjectNode latency = row.putObject("latency_ms");
            latency.put("rate_per_s", RATE);
            latency.put("seconds", SECONDS);
            for (int i = 0; i < SHAPES.size(); i++) {
                Shape shape = SHAPES.get(i);
                double mean = (throughput[i][0] + throughput[i][1]) / 2;
                perSecond.put(shape.key(), Math.round(mean));
                latency.set(shape.key(), percentiles(latencies[i]));
                System.out.printf("kafka     %-30s %d x %d consumers: %6.0f requests/s (turns %.0f, %.0f); at %d/s latency p50 %.1f ms"
                        + " p99 %.1f ms%n", shape.key(), shape.instances(), shape.consumers(), mean, throughput[i][0], throughput[i][1],
                        RATE, millis(latencies[i], 50), millis(latencies[i], 99));
            }
            row.put("ratio_two_to_one", Math.round(perSecond.get("two_instances").doubleValue()
                    / perSecond.get("one_instance").doubleValue() * 1000) / 1000.0);
            return row;
        }
    }

    /** One turn: fresh instances in a fresh group on fresh topics; returns requests per second. */
    private double turn(Shape shape, long[][] latencies, int slot) throws Exception {
        int instances = shape.instances();
        String name = "t" + (++turn);
        kafka.createTopic("requests-" + name, PARTITIONS);
        kafka.createTopic("results-" + name, PARTITIONS);
        List<ServiceUnderTest> services = new ArrayList<>();
        try (ResultWatcher results = new ResultWatcher(kafka.bootstrapServers(), "results-" + name);
             Producer<String, String> producer = producer()) {
            for (int i = 0; i < instances; i++) {
                services.add(ServiceUnderTest.start(Files.createDirectories(dir.resolve(name + "-" + i)), routes,
                        "upstream=" + upstream.url("") + "\nwebhook.kafka.enabled=true\nwebhook.kafka.brokers=" + kafka.bootstrapServers()
                                + "\nwebhook.kafka.requests-topic=requests-" + name + "\nwebhook.kafka.results-topic=results-" + name
                                + "\nwebhook.kafka.dead-letter-topic=dead-letters-" + name + "\nwebhook.kafka.group-id=group-" + name
                                + "\nwebhook.kafka.consumers=" + shape.consumers() + "\nwebhook.kafka.max-poll-records=100\n"));
            }
            await(() -> topics.stableWith("group-" + name, shape.threads()), 120, "the group of " + name);

            produce(producer, name, 0, WARMUP);
            results.awaitCount(WARMUP, 300);
            long started = System.nanoTime();
            produce(producer, name, WARMUP, MEASURED);
            long finished = results.awaitCount(WARMUP + MEASURED, 600);
            double perSecond = MEASURED * 1e9 / (finished - started);
            System.out.printf("kafka     turn %s: %d instance%s x %d consumers, %.0f requests/s%n", name, instances,
                    instances == 1 ? "" : "s", shape.consumers(), perSecond);

            if (latencies != null) {
                int count = RATE * SECONDS;
                int first = WARMUP + MEASURED;
                long start = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    long due = start + i * 1_000_000_000L / RATE;
                    LockSupport.parkNanos(due - System.nanoTime());
                    results.sent(id(name, first + i), System.nanoTime());
                    producer.send(record(name, first + i));
                }
                results.awaitCount(first + count, 300);
                latencies[slot] = results.latencies();
            }
            return perSecond;
        } finally {
            services.forEach(ServiceUnderTest::close);
        }
    }

    private Producer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer());
    }

    private static void produce(Producer<String, String> producer, String name, int from, int count) {
        for (int i = from; i < from + count; i++) {
            producer.send(record(name, i));
        }
        producer.flush();
    }

    private static ProducerRecord<String, String> record(String name, int i) {
        return new ProducerRecord<>("requests-" + name, "c" + (i % 500), "{\"id\": \"" + id(name, i) + "\", \"action\": \"bench_get\","
                + " \"context\": {\"user\": {\"user_id\": \"" + Scenarios.id(i) + "\"}}}");
    }

    static String id(String name, int i) {
        return name + "-" + i;
    }

    private static ObjectNode percentiles(long[] sortedMicros) {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("p50", millis(sortedMicros, 50));
        json.put("p99", millis(sortedMicros, 99));
        return json;
    }

    private static double millis(long[] sortedMicros, double p) {
        return Math.round(Load.percentile(sortedMicros, p) / 100.0) / 10.0;
    }

    static void await(java.util.function.BooleanSupplier condition, int seconds, String what) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + seconds + " s: " + what);
            }
            LockSupport.parkNanos(20_000_000L);
        }
    }
}
