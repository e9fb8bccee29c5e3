package io.webhookactions.bench;

import io.webhookactions.history.HistoryDatabase;
import io.webhookactions.history.HistoryRecord;
import io.webhookactions.history.HistorySettings;
import io.webhookactions.history.HistoryStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * What one history record costs the database, in process CPU (the writer and H2's own threads together), apart from
 * any load: {@code HistoryInsertCost ROWS DETAIL_BYTES [noindex]} inserts ROWS records of one action in the writer's
 * batches of 500 (so in groups, {@code RecordGroup}) into a fresh H2 file and prints the CPU per record. A tool for
 * finding where the history's cost goes.
 */
public final class HistoryInsertCost {

    private HistoryInsertCost() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[0]);
        int detailBytes = Integer.parseInt(args[1]);
        boolean noIndex = args.length > 2 && args[2].equals("noindex");
        String options = System.getProperty("bench.history.h2-options", "");
        Path dir = Files.createTempDirectory("history-insert-cost");
        HistorySettings settings = HistorySettings.defaults("jdbc:h2:file:" + dir.resolve("cost") + options);
        String detail = "{\"body\":\"" + "p".repeat(detailBytes) + "\"}";
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (HistoryDatabase database = HistoryDatabase.open(settings)) {
            HistoryStore store = new HistoryStore(database::connection);
            store.count();
            if (noIndex) {
                try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
                    statement.execute("DROP INDEX ix_webhook_execution_group_success");
                    statement.execute("DROP INDEX ix_webhook_execution_group_action");
                }
            }
            Random random = new Random(1);
            for (int pass = 0; pass < 2; pass++) { // the first pass warms up
                long cpu = os.getProcessCpuTime();
                long wall = System.nanoTime();
                List<HistoryRecord> batch = new ArrayList<>(500);
                for (int i = 0; i < rows; i++) {
                    Instant at = Instant.now();
                    long high = (at.toEpochMilli() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
                    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
                    batch.add(new HistoryRecord(new UUID(high, low).toString(), at, "bench_get", "execute", "local", 3, true, 200, null, detail));
                    if (batch.size() == 500) {
                        store.insert(batch);
                        batch.clear();
                    }
                }
                Thread.sleep(1500); // H2 writes its pages in the background: counted too
                double cpuMicros = (os.getProcessCpuTime() - cpu) / 1000.0 / rows;
                System.out.printf("insert-cost pass %d: %d rows, detail %d B%s%s: %.1f µs CPU a row, %.0f rows/s wall%n", pass, rows, detail.length(),
                        noIndex ? ", no secondary index" : "", options, cpuMicros, rows / ((System.nanoTime() - wall - 1.5e9) / 1e9));
            }
        }
        HistoryBench.deleteTree(dir);
    }
}
