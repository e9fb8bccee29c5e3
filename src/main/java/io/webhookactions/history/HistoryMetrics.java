package io.webhookactions.history;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;

/**
 * The history's meters in the Micrometer registry Camel exposes on {@code /observe/metrics}:
 * {@code webhook_history_dropped_total} (records that never reached the database) and
 * {@code webhook_history_queued} (records waiting to be written). Loaded only when Micrometer is present.
 */
final class HistoryMetrics {

    private HistoryMetrics() {
    }

    static void register(CamelContext context, ExecutionHistory history) {
        MeterRegistry meters = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (meters == null) {
            return;
        }
        FunctionCounter.builder("webhook_history_dropped", history, ExecutionHistory::dropped)
                .description("Execution history records dropped: queue full, database away at shutdown, or refused").register(meters);
        Gauge.builder("webhook_history_queued", history, ExecutionHistory::queued)
                .description("Execution history records waiting to be written").register(meters);
    }
}
