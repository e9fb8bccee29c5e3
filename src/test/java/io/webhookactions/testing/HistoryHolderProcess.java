package io.webhookactions.testing;

import io.webhookactions.history.ExecutionHistory;
import io.webhookactions.history.HistorySettings;
import java.time.Clock;
import java.time.Duration;

/**
 * A process of its own that holds a history database open as a running {@code serve} does (for the embedded H2
 * file: its lock), says {@code holding} on stdout, and closes it when its stdin closes.
 */
public final class HistoryHolderProcess {

    private HistoryHolderProcess() {
    }

    /** Argument: the JDBC URL. */
    public static void main(String[] args) throws Exception {
        try (ExecutionHistory history = ExecutionHistory.open(HistorySettings.defaults(args[0]), Duration.ofHours(1), Clock.systemUTC())) {
            history.store().count();
            System.out.println("holding");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close stdin
            }
        }
    }
}
