package io.webhookactions.kafka;

import io.webhookactions.runtime.InvalidSettingException;
import io.webhookactions.runtime.SettingsReader;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The Kafka mode of {@code serve} as configured ({@code webhook.kafka.*}, off by default). Every other camel-kafka
 * option (security, SASL, session timeout, ...) is set as {@code camel.component.kafka.*}: Camel Main applies it to the
 * component, and the endpoints here take it from there unless it is one they fix (listed in {@link KafkaRoutes}).
 *
 * @param brokers              {@code webhook.kafka.brokers}, required: {@code host:port[,host:port...]}
 * @param requestsTopic        {@code webhook.kafka.requests-topic} (default {@code webhook-requests})
 * @param resultsTopic         {@code webhook.kafka.results-topic} (default {@code webhook-results})
 * @param deadLetterTopic      {@code webhook.kafka.dead-letter-topic} (default {@code webhook-dead-letters})
 * @param groupId              {@code webhook.kafka.group-id} (default {@code webhook-actions}); every instance of one
 *                             deployment uses the same one, so each request goes to one of them
 * @param consumers            {@code webhook.kafka.consumers} (default 1): consumer threads of this instance, each a member
 *                             of the group working through its partitions one record at a time
 * @param maxPollRecords       {@code webhook.kafka.max-poll-records} (default 20): records one consumer takes per poll; times
 *                             the longest action timeout it must stay below the consumer's max.poll.interval.ms (300 s)
 * @param idempotencyWindow    {@code webhook.kafka.idempotency-window-seconds} (default 600): how long this instance
 *                             remembers a request id and its result
 * @param idempotencyMaxEntries {@code webhook.kafka.idempotency-max-entries} (default 10 000): how many it remembers
 * @param maxPipelineActions   {@code webhook.pipelines.max-actions} (default 20), as for the HTTP API
 */
public record KafkaSettings(String brokers, String requestsTopic, String resultsTopic, String deadLetterTopic, String groupId,
                            int consumers, int maxPollRecords, Duration idempotencyWindow, int idempotencyMaxEntries,
                            int maxPipelineActions) {

    /** Kafka's own rule for topic names. */
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    /** Whether {@code webhook.kafka.enabled} is true. */
    public static boolean enabled(SettingsReader settings) {
        return settings.flag("webhook.kafka.enabled", false);
    }

    /**
     * Reads and checks the settings.
     *
     * @throws InvalidSettingException naming the key: no brokers, an illegal topic name, two roles on one topic, a
     *                                 number out of range
     */
    public static KafkaSettings read(SettingsReader settings) {
        String brokers = settings.text("webhook.kafka.brokers")
                .orElseThrow(() -> new InvalidSettingException("webhook.kafka.brokers", "",
                        "a list of bootstrap servers; webhook.kafka.enabled needs them, e.g. webhook.kafka.brokers = localhost:9092"));
        String requests = topic(settings, "webhook.kafka.requests-topic", "webhook-requests");
        String results = topic(settings, "webhook.kafka.results-topic", "webhook-results");
        String deadLetters = topic(settings, "webhook.kafka.dead-letter-topic", "webhook-dead-letters");
        // A result written to the requests topic would be read back as a request, and so on for ever.
        if (results.equals(requests) || deadLetters.equals(requests) || deadLetters.equals(results)) {
            throw new InvalidSettingException("webhook.kafka.results-topic", results, "a topic of its own: requests ("
                    + requests + "), results and dead letters (" + deadLetters + ") need three different topics");
        }
        return new KafkaSettings(brokers, requests, results, deadLetters,
                settings.text("webhook.kafka.group-id", "webhook-actions"),
                settings.integer("webhook.kafka.consumers", 1, 1, 256),
                settings.integer("webhook.kafka.max-poll-records", 20, 1, 10_000),
                Duration.ofSeconds(settings.number("webhook.kafka.idempotency-window-seconds", 600, 1, 7 * 24 * 3600)),
                settings.integer("webhook.kafka.idempotency-max-entries", 10_000, 1, 10_000_000),
                settings.integer("webhook.pipelines.max-actions", 20, 1, 1_000));
    }

    private static String topic(SettingsReader settings, String key, String fallback) {
        String topic = settings.text(key, fallback);
        if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new InvalidSettingException(key, topic, "a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -)");
        }
        return topic;
    }

    /** Who asked, in the execution log line and the history: the consumer group. */
    public String caller() {
        return "kafka:" + groupId;
    }
}
