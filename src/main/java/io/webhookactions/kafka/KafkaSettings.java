package io.webhookactions.kafka;

import io.webhookactions.history.HistorySettings;
import io.webhookactions.runtime.InvalidSettingException;
import io.webhookactions.runtime.SettingsReader;
import java.time.Duration;
import java.util.Locale;
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
 * @param idempotencyStore     {@code webhook.kafka.idempotency-store} (default {@code auto}): whether the guard also
 *                             keeps ids and results in the history's database, shared by every instance ({@link #sharedGuard})
 * @param claimTimeout         {@code webhook.kafka.claim-timeout-seconds} (default 60): with the shared guard, how long a
 *                             request claimed by another instance without a result is waited for before it is taken over
 * @param maxPipelineActions   {@code webhook.pipelines.max-actions} (default 20), as for the HTTP API
 */
public record KafkaSettings(String brokers, String requestsTopic, String resultsTopic, String deadLetterTopic, String groupId,
                            int consumers, int maxPollRecords, Duration idempotencyWindow, int idempotencyMaxEntries,
                            IdempotencyStore idempotencyStore, Duration claimTimeout, int maxPipelineActions) {

    /** Where the idempotency guard remembers request ids besides this instance's memory. */
    public enum IdempotencyStore {
        /** The history's database when it is shared (PostgreSQL, not the embedded H2 file), else memory only. */
        AUTO,
        /** This instance's memory only. */
        MEMORY,
        /** The history's database too, whichever it is (an H2 file then guards one instance across its restarts). */
        HISTORY
    }

    /**
     * Longest wait for another instance's claim: a waiting consumer polls no records meanwhile, and Kafka's
     * max.poll.interval.ms (300 s by default) must leave room for the rest of its poll.
     */
    static final int MAX_CLAIM_TIMEOUT_SECONDS = 240;

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
                idempotencyStore(settings),
                Duration.ofSeconds(settings.number("webhook.kafka.claim-timeout-seconds", 60, 1, MAX_CLAIM_TIMEOUT_SECONDS)),
                settings.integer("webhook.pipelines.max-actions", 20, 1, 1_000));
    }

    private static IdempotencyStore idempotencyStore(SettingsReader settings) {
        String store = settings.text("webhook.kafka.idempotency-store", "auto");
        try {
            return IdempotencyStore.valueOf(store.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("webhook.kafka.idempotency-store", store, "one of auto (the history's database when"
                    + " it is PostgreSQL), memory, history");
        }
    }

    /**
     * Whether the idempotency guard also uses the history's database, shared by every instance: {@code history}, or
     * {@code auto} with the history on a database other than the embedded H2 file (which one process only opens).
     *
     * @throws InvalidSettingException naming the key: {@code history} without the history, a claim timeout not shorter
     *                                 than the window, a group id too long for the table
     */
    public boolean sharedGuard(HistorySettings history) {
        boolean shared = switch (idempotencyStore) {
            case MEMORY -> false;
            case AUTO -> history.enabled() && !history.isH2();
            case HISTORY -> {
                if (!history.enabled()) {
                    throw new InvalidSettingException("webhook.kafka.idempotency-store", "history", "usable with"
                            + " webhook.history.enabled=false: the shared guard lives in the history's database; enable the"
                            + " history or set webhook.kafka.idempotency-store = memory");
                }
                yield true;
            }
        };
        if (shared && claimTimeout.compareTo(idempotencyWindow) >= 0) {
            // A row is deleted after the window: a claim still waited for must not vanish before it times out.
            throw new InvalidSettingException("webhook.kafka.claim-timeout-seconds", String.valueOf(claimTimeout.toSeconds()),
                    "shorter than webhook.kafka.idempotency-window-seconds (" + idempotencyWindow.toSeconds() + "); lower the"
                            + " claim timeout or widen the window");
        }
        if (shared && groupId.length() > 255) {
            throw new InvalidSettingException("webhook.kafka.group-id", groupId, "at most 255 characters, as the shared"
                    + " idempotency guard stores it (or set webhook.kafka.idempotency-store = memory)");
        }
        return shared;
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
