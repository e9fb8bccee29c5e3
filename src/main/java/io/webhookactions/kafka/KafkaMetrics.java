package io.webhookactions.kafka;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;

/**
 * The Kafka mode's meter in the Micrometer registry Camel exposes on {@code /observe/metrics}:
 * {@code webhook_kafka_guard_unguarded_total}, requests the shared idempotency guard could not guard because its
 * database failed (they ran with this instance's guard only), like {@code webhook_history_dropped_total} for the history.
 */
final class KafkaMetrics {

    private KafkaMetrics() {
    }

    static void register(CamelContext context, SharedGuard guard) {
        MeterRegistry meters = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (meters == null) {
            return;
        }
        FunctionCounter.builder("webhook_kafka_guard_unguarded", guard, SharedGuard::unguarded)
                .description("Kafka requests the shared idempotency guard could not guard (its database failed): run with this"
                        + " instance's guard only").register(meters);
    }
}
