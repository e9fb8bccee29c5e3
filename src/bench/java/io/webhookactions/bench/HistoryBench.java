package io.webhookactions.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.history.Cursor;
import io.webhookactions.history.ExecutionHistory;
import io.webhookactions.history.HistoryDatabase;
import io.webhookactions.history.HistoryQuery;
import io.webhookactions.history.HistoryRecord;
import io.webhookactions.history.HistorySettings;
import io.webhookactions.history.HistoryStore;
import io.webhookactions.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The {@code history} part (SPEC §13): (1) GET throughput with the history recording into an H2 file against no
 * history, in the same run, interleaved; (2) a million stored executions on H2 and on PostgreSQL (the tests'
 * {@link PostgresServer}): how long the inserts took and the list query's latency, per query shape and over all.
 */
final class HistoryBench {

    private static final int ROWS = Integer.getInteger("bench.history.rows", 1_000_000);
    private static final int QUERIES = 1000;
    private static final String[] SOURCES = {"test", "execute", "pipeline", "component", "cli"};

    private HistoryBench() {
    }

    /** History on against off for the GET scenario: each warmed up, then rounds in rotating order. */
    static void throughput(ObjectNode row, Path dir, int concurrency, long warmupMs, long measureMs, int rounds) throws Exception {
        HistorySettings settings = HistorySettings.defaults("jdbc:h2:file:" + dir.resolve("throughput")
                + System.getProperty("bench.history.h2-options", ""));
        try (BenchUpstream upstream = new BenchUpstream(); RouteScenarios route = new RouteScenarios(upstream);
             ExecutionHistory history = ExecutionHistory.open(settings)) {
            history.store().count(); // schema in place before measuring
            boolean[] modes = {true, false};
            for (boolean on : modes) {
                record(route, history, on);
                Load.throughput(route::get, concurrency, 0, warmupMs);
            }
            double[] totals = new double[2];
            long writtenBefore = history.written();
            long droppedBefore = history.dropped();
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < 2; i++) {
                    int which = (round + i) % 2;
                    record(route, history, modes[which]);
                    totals[which] += Load.throughput(route::get, concurrency, 0, measureMs / rounds);
                }
            }
            record(route, history, false);
            double on = totals[0] / rounds;
            double off = totals[1] / rounds;
            row.put("on", Math.round(on));
            row.put("off", Math.round(off));
            row.put("ratio", Math.round(on / off * 1000) / 1000.0);
            row.put("recorded", history.written() - writtenBefore);
            row.put("dropped", history.dropped() - droppedBefore);
            System.out.printf("history   GET on %8.0f/s  off %8.0f/s  on/off %.3f  (written %d, dropped %d while on)%n", on, off, on / off,
                    history.written() - writtenBefore, history.dropped() - droppedBefore);
        }
    }

    /** With -Dbench.history.build-only=true "on" only builds each record and drops it: what the database write costs. */
    private static final boolean BUILD_ONLY = Boolean.getBoolean("bench.history.build-only");
    private static final io.webhookactions.runtime.ExecutionListener BUILD = (input, startedAt, result) -> {
        if (HistoryRecord.of(input, startedAt, result, HistorySettings.DEFAULT_MAX_BODY_BYTES).detail().isEmpty()) {
            throw new AssertionError();
        }
    };

    private static void record(RouteScenarios route, ExecutionHistory history, boolean on) {
        route.actions().removeListener(history);
        route.actions().removeListener(BUILD);
        if (on) {
            route.actions().addListener(BUILD_ONLY ? BUILD : history);
        }
    }

    /** A million executions in an H2 file and in PostgreSQL; the list query's latency over them. */
    static void millionRows(ObjectNode row, Path dir) throws Exception {
        measure(row.putObject("h2"), "h2", HistorySettings.defaults("jdbc:h2:file:" + dir.resolve("million")));
        try (PostgresServer postgres = PostgresServer.startNew()) {
            measure(row.putObject("postgresql"), "postgresql", HistorySettings.defaults(postgres.createDatabase("history"))
                    .withLogin(postgres.user(), postgres.password()));
        }
    }

    private static void measure(ObjectNode row, String name, HistorySettings settings) throws Exception {
        List<Cursor> cursors;
        try (HistoryDatabase database = HistoryDatabase.open(settings)) {
            HistoryStore store = new HistoryStore(database::connection);
            long started = System.nanoTime();
            cursors = fill(store);
            double insertSeconds = (System.nanoTime() - started) / 1e9;
            try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
                statement.execute(name.equals("h2") ? "ANALYZE" : "VACUUM ANALYZE webhook_execution_group");
            }
            row.put("insert_seconds", Math.round(insertSeconds * 10) / 10.0);
            System.out.printf("history   %-10s %d rows inserted in %.1f s (%.0f rows/s)%n", name, ROWS, insertSeconds, ROWS / insertSeconds);
        }
        // Measured as a service finds them after a restart: the bulk load's background work (H2 compacting what
        // the inserts left behind) is over.
        try (HistoryDatabase database = HistoryDatabase.open(settings)) {
            HistoryStore store = new HistoryStore(database::connection);
            row.put("rows", store.count());
            Map<String, HistoryQuery> shapes = new LinkedHashMap<>();
            shapes.put("first_page", HistoryQuery.newest(50));
            shapes.put("page_by_cursor", HistoryQuery.newest(50));
            shapes.put("action_common_by_cursor", query("action_00", null));
            shapes.put("action_rare_by_cursor", query("action_09", null));
            shapes.put("failures_by_cursor", query(null, false));
            ObjectNode latency = row.putObject("list_ms");
            List<Long> all = new ArrayList<>();
            Random random = new Random(7);
            for (Map.Entry<String, HistoryQuery> shape : shapes.entrySet()) {
                boolean paged = !shape.getKey().equals("first_page");
                long[] nanos = new long[QUERIES];
                for (int i = -100; i < QUERIES; i++) {
                    HistoryQuery query = paged ? shape.getValue().page(cursors.get(random.nextInt(cursors.size())), 50) : shape.getValue();
                    long start = System.nanoTime();
                    store.list(query);
                    if (i >= 0) {
                        nanos[i] = System.nanoTime() - start;
                    }
                }
                Arrays.sort(nanos);
                Arrays.stream(nanos).forEach(all::add);
                ObjectNode figures = latency.putObject(shape.getKey());
                figures.put("p50", millis(Load.percentile(nanos, 50)));
                figures.put("p99", millis(Load.percentile(nanos, 99)));
                System.out.printf("history   %-10s %-24s p50 %7.2f ms  p99 %7.2f ms%n", name, shape.getKey(), millis(Load.percentile(nanos, 50)),
                        millis(Load.percentile(nanos, 99)));
            }
            long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
            latency.putObject("all").put("p50", millis(Load.percentile(sorted, 50))).put("p99", millis(Load.percentile(sorted, 99)));
            System.out.printf("history   %-10s %-24s p50 %7.2f ms  p99 %7.2f ms%n", name, "all shapes", millis(Load.percentile(sorted, 50)),
                    millis(Load.percentile(sorted, 99)));
        }
        if (settings.isH2()) {
            Path file = Path.of(settings.url().substring("jdbc:h2:file:".length()) + ".mv.db");
            row.put("file_mb", Files.size(file) >> 20);
        }
    }

    private static HistoryQuery query(String action, Boolean success) {
        return new HistoryQuery(action, success, null, null, null, 50, null, List.of());
    }

    /**
     * {@value #ROWS} executions over the last week, in the writer's batches: 20 actions, the first twice as frequent as
     * the second and so on (action_00 half of all, action_09 one in a thousand), 5 % failures, a 600-byte detail.
     * Returns the keys of every 997th record, where the paged queries start.
     */
    private static List<Cursor> fill(HistoryStore store) throws Exception {
        Random random = new Random(42);
        Instant end = Instant.now();
        long spanMicros = Duration.ofDays(7).toNanos() / 1000;
        String detail = "{\"request\":{\"method\":\"GET\",\"url\":\"https://api.example.com/users/42\",\"headers\":{\"Accept\":"
                + "\"application/json\",\"X-Request-Id\":\"req-42\"},\"body\":null},\"response\":{\"status\":200,\"headers\":"
                + "{\"Content-Type\":\"application/json\"},\"body\":\"" + "{\\\"name\\\":\\\"Ada\\\"}".repeat(20) + "\"},"
                + "\"attributes\":{\"user\":{\"user_name\":\"Ada\",\"get_user_action_success\":true},\"session\":{}},\"truncated\":false}";
        List<Cursor> cursors = new ArrayList<>();
        List<HistoryRecord> batch = new ArrayList<>(500);
        for (int i = 0; i < ROWS; i++) {
            Instant at = end.minusNanos(spanMicros * 1000).plusNanos(spanMicros * i / ROWS * 1000);
            int action = Math.min(19, Integer.numberOfTrailingZeros(random.nextInt() | (1 << 19)));
            boolean success = random.nextInt(100) >= 5;
            HistoryRecord record = new HistoryRecord(id(at, random), at, String.format("action_%02d", action), SOURCES[random.nextInt(5)],
                    "local", random.nextInt(2000), success, success ? 200 : 502, success ? null : "HTTP 502", detail);
            batch.add(record);
            if (i % 997 == 0) {
                cursors.add(Cursor.after(record));
            }
            if (batch.size() == 500) {
                store.insert(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            store.insert(batch);
        }
        return cursors;
    }

    /** The writer's id layout: milliseconds first (UUID version 7). */
    private static String id(Instant at, Random random) {
        long high = (at.toEpochMilli() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    static void deleteTree(Path root) throws Exception {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
