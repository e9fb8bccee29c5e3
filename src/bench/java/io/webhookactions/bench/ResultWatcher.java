package io.webhookactions.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.webhookactions.testing.KafkaTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a results topic on a thread of its own from the beginning: counts results, notes when each count was
 * reached, and for requests whose send time it was told the time from send to result read.
 */
final class ResultWatcher implements AutoCloseable {

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private final AtomicLong count = new AtomicLong();
    private final Map<Long, Long> reachedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> sent = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> latencyMicros = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;

    ResultWatcher(String brokers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = KafkaTopics.partitions(consumer, topic);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::read, "result-watcher-" + topic);
        thread.start();
    }

    private void read() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    Matcher id = ID.matcher(record.value());
                    Long sentAt = id.find() ? sent.get(id.group(1)) : null;
                    if (sentAt != null) {
                        latencyMicros.add((now - sentAt) / 1000);
                    }
                    reachedAt.put(count.incrementAndGet(), now);
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** Tells when request {@code id} was sent (before sending it). */
    void sent(String id, long nanos) {
        sent.put(id, nanos);
    }

    /** Waits until {@code expected} results were read; returns when the last of them was. */
    long awaitCount(long expected, int seconds) {
        KafkaBench.await(() -> count.get() >= expected, seconds, expected + " results (" + count.get() + " so far)");
        return reachedAt.get(expected);
    }

    /** The send-to-result times of the requests it was told about, sorted. */
    long[] latencies() {
        long[] sorted = latencyMicros.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
