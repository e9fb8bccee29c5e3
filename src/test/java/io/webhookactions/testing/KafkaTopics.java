package io.webhookactions.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What a test does with the broker's topics from outside the service: produce requests, read a topic, watch a group.
 * One admin client serves every question: creating one per look (Eventually looks every 50 ms) costs more CPU than the
 * service under test on a 2-core machine.
 */
public final class KafkaTopics implements AutoCloseable {

    private final EmbeddedKafka kafka;
    private final Admin admin;

    public KafkaTopics(EmbeddedKafka kafka) {
        this.kafka = kafka;
        this.admin = kafka.admin();
    }

    /** A producer of string keys and values; the caller closes it. */
    public Producer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer());
    }

    /** Every record of {@code topic} from the beginning up to its end as of this call, partition by partition in order. */
    public List<ConsumerRecord<String, String>> readAll(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /**
     * A reader of {@code topic} from its beginning that keeps its place: each {@link Tail#records()} adds what arrived
     * since. One thread only (a Kafka consumer is not thread-safe); the caller closes it.
     */
    public Tail tail(String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()), new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = partitions(consumer, topic);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return new Tail(consumer);
    }

    /**
     * The partitions of {@code topic}. Just after the topic was created a client may not know them yet (an empty
     * list, and a consumer assigned nothing cannot poll): asked again until it does.
     */
    public static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (!partitions.isEmpty()) {
                return partitions;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("topic " + topic + " has no partitions after 30 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    /** See {@link #tail}. */
    public static final class Tail implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

        private Tail(KafkaConsumer<String, String> consumer) {
            this.consumer = consumer;
        }

        /** Every record read so far, after a short poll for more. */
        public List<ConsumerRecord<String, String>> records() {
            consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            return List.copyOf(records);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    /** The offsets {@code group} committed on {@code topic}, summed over its partitions: requests done. */
    public long committed(String group, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            return offsets.entrySet().stream().filter(entry -> entry.getKey().topic().equals(topic) && entry.getValue() != null)
                    .mapToLong(entry -> entry.getValue().offset()).sum();
        } catch (Exception e) {
            throw new AssertionError("cannot read the offsets of group " + group, e);
        }
    }

    /** Whether {@code group} is stable with {@code members} members that each hold at least one partition. */
    public boolean stableWith(String group, int members) {
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(30, TimeUnit.SECONDS);
            List<MemberDescription> all = List.copyOf(description.members());
            return description.state() == ConsumerGroupState.STABLE && all.size() == members
                    && all.stream().allMatch(member -> !member.assignment().topicPartitions().isEmpty());
        } catch (Exception e) {
            return false;
        }
    }

    /** The members of {@code group} by client id, with the partitions each holds. */
    public String describe(String group) {
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(30, TimeUnit.SECONDS);
            StringBuilder text = new StringBuilder(description.state().toString());
            description.members().forEach(member -> text.append(' ').append(member.clientId()).append('=')
                    .append(member.assignment().topicPartitions()));
            return text.toString();
        } catch (Exception e) {
            return "unknown: " + e;
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
