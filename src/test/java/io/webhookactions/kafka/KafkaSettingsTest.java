package io.webhookactions.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webhookactions.history.HistorySettings;
import io.webhookactions.runtime.InvalidSettingException;
import io.webhookactions.runtime.SettingsReader;
import io.webhookactions.testing.ServiceUnderTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code webhook.kafka.*}: off unless asked for, defaults, and the values that refuse a start with their key named. */
class KafkaSettingsTest {

    @TempDir
    Path dir;

    @Test
    void theKafkaModeIsOffUnlessEnabled() {
        assertThat(KafkaSettings.enabled(settings(Map.of()))).isFalse();
        assertThat(KafkaSettings.enabled(settings(Map.of("webhook.kafka.enabled", "true")))).isTrue();
    }

    @Test
    void onlyTheBrokersMustBeGiven() {
        KafkaSettings kafka = KafkaSettings.read(settings(Map.of("webhook.kafka.brokers", "k1:9092,k2:9092")));

        assertThat(kafka).isEqualTo(new KafkaSettings("k1:9092,k2:9092", "webhook-requests", "webhook-results", "webhook-dead-letters",
                "webhook-actions", 1, 20, Duration.ofMinutes(10), 10_000, KafkaSettings.IdempotencyStore.AUTO, Duration.ofSeconds(60), 20));
        assertThat(kafka.caller()).isEqualTo("kafka:webhook-actions");
    }

    @Test
    void withoutBrokersTheKafkaModeRefusesToStart() {
        assertThatThrownBy(() -> KafkaSettings.read(settings(Map.of()))).isInstanceOf(InvalidSettingException.class)
                .hasMessage("webhook.kafka.brokers: '' is not a list of bootstrap servers; webhook.kafka.enabled needs them,"
                        + " e.g. webhook.kafka.brokers = localhost:9092");
    }

    @Test
    void aTopicNameKafkaWouldRefuseIsRefusedAtStart() {
        assertThatThrownBy(() -> KafkaSettings.read(settings(Map.of("webhook.kafka.brokers", "k:9092",
                "webhook.kafka.results-topic", "results/all")))).hasMessage("webhook.kafka.results-topic: 'results/all' is not a"
                + " Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -)");
    }

    @Test
    void resultsOnTheRequestsTopicWouldLoopForEverAndAreRefused() {
        assertThatThrownBy(() -> KafkaSettings.read(settings(Map.of("webhook.kafka.brokers", "k:9092",
                "webhook.kafka.results-topic", "webhook-requests")))).hasMessage("webhook.kafka.results-topic: 'webhook-requests' is"
                + " not a topic of its own: requests (webhook-requests), results and dead letters (webhook-dead-letters) need three"
                + " different topics");
    }

    @Test
    void consumersOutOfRangeAreRefused() {
        assertThatThrownBy(() -> KafkaSettings.read(settings(Map.of("webhook.kafka.brokers", "k:9092", "webhook.kafka.consumers", "0"))))
                .hasMessage("webhook.kafka.consumers: '0' is not between 1 and 256");
    }

    @Test
    void byDefaultTheGuardIsSharedWhenTheHistoryIsOnASharedDatabaseOnly() {
        KafkaSettings kafka = KafkaSettings.read(settings(Map.of("webhook.kafka.brokers", "k:9092")));

        assertThat(kafka.sharedGuard(HistorySettings.defaults("jdbc:postgresql://db/history"))).isTrue();
        assertThat(kafka.sharedGuard(HistorySettings.defaults(HistorySettings.DEFAULT_URL))).as("the embedded H2 file").isFalse();
        assertThat(kafka.sharedGuard(new HistorySettings(false, "jdbc:postgresql://db/history", "", "", 1024, Duration.ofDays(1), 1,
                true, 1))).as("the history off").isFalse();
    }

    @Test
    void theIdempotencyStoreCanBeChosen() {
        KafkaSettings memory = KafkaSettings.read(settings(Map.of("webhook.kafka.brokers", "k:9092", "webhook.kafka.idempotency-store", "memory")));
        KafkaSettings history = KafkaSettings.read(settings(Map.of("webhook.kafka.brokers", "k:9092", "webhook.kafka.idempotency-store", "History")));

        assertThat(memory.sharedGuard(HistorySettings.defaults("jdbc:postgresql://db/history"))).isFalse();
        assertThat(history.sharedGuard(HistorySettings.defaults(HistorySettings.DEFAULT_URL))).isTrue();
        assertThatThrownBy(() -> KafkaSettings.read(settings(Map.of("webhook.kafka.brokers", "k:9092", "webhook.kafka.idempotency-store", "redis"))))
                .hasMessage("webhook.kafka.idempotency-store: 'redis' is not one of auto (the history's database when it is PostgreSQL),"
                        + " memory, history");
    }

    @Test
    void theHistoryStoreWithoutTheHistoryIsRefused() {
        KafkaSettings kafka = KafkaSettings.read(settings(Map.of("webhook.kafka.brokers", "k:9092", "webhook.kafka.idempotency-store", "history")));

        assertThatThrownBy(() -> kafka.sharedGuard(new HistorySettings(false, HistorySettings.DEFAULT_URL, "sa", "", 1024, Duration.ofDays(1), 1,
                true, 1))).isInstanceOf(InvalidSettingException.class).hasMessage("webhook.kafka.idempotency-store: 'history' is not usable"
                + " with webhook.history.enabled=false: the shared guard lives in the history's database; enable the history or set"
                + " webhook.kafka.idempotency-store = memory");
    }

    @Test
    void theClaimTimeoutMustFitUnderThePollIntervalAndTheWindow() {
        assertThatThrownBy(() -> KafkaSettings.read(settings(Map.of("webhook.kafka.brokers", "k:9092", "webhook.kafka.claim-timeout-seconds", "600"))))
                .hasMessage("webhook.kafka.claim-timeout-seconds: '600' is not between 1 and 240");
        KafkaSettings narrow = KafkaSettings.read(settings(Map.of("webhook.kafka.brokers", "k:9092", "webhook.kafka.idempotency-window-seconds", "30")));

        assertThat(narrow.sharedGuard(HistorySettings.defaults(HistorySettings.DEFAULT_URL))).as("memory only: no claims").isFalse();
        assertThatThrownBy(() -> narrow.sharedGuard(HistorySettings.defaults("jdbc:postgresql://db/history")))
                .hasMessage("webhook.kafka.claim-timeout-seconds: '60' is not shorter than webhook.kafka.idempotency-window-seconds (30);"
                        + " lower the claim timeout or widen the window");
    }

    @Test
    void serveWithTheKafkaModeButNoBrokersDoesNotStart() throws Exception {
        Path routes = KafkaRequestsTest.routes(dir);

        assertThatThrownBy(() -> ServiceUnderTest.start(dir, routes, "upstream=http://127.0.0.1:9\nwebhook.kafka.enabled=true"))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("webhook.kafka.brokers: ");
    }

    private static SettingsReader settings(Map<String, String> values) {
        return new SettingsReader(key -> Optional.ofNullable(values.get(key)));
    }
}
