package io.webhookactions.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.response.ActionResult;
import io.webhookactions.runtime.ExecutionInput;
import io.webhookactions.runtime.Settings;
import io.webhookactions.support.Json;
import io.webhookactions.testing.Echo;
import io.webhookactions.testing.Engine;
import io.webhookactions.testing.Eventually;
import io.webhookactions.testing.ServiceUnderTest;
import io.webhookactions.testing.Upstream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPEC §13 against a real database: what an execution's record holds, that it is scrubbed and cut, the list's
 * order, cursor paging and filters, retention, and the writer's queue. One suite, run against the embedded H2
 * file ({@link H2HistoryTest}) and a real PostgreSQL server ({@link PostgresHistoryTest}).
 */
abstract class HistoryContract {

    static final String API_TOKEN = "tok-history-5ecret-value";
    static final Instant T = Instant.parse("2026-11-20T12:00:00Z");

    static Upstream upstream;
    static int closedPort;

    Engine engine;
    ExecutionHistory history;

    /** A fresh, empty database of the kind under test. */
    abstract HistorySettings settings();

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = new Upstream()
                .on("/users", (exchange, body) -> Upstream.respond(exchange, 200, "application/json",
                        "{\"name\": \"user " + exchange.getRequestURI().getPath().substring("/users/".length()) + "\", \"plan\": \"gold\"}"))
                .on("/echo", Echo.handler());
        closedPort = ServiceUnderTest.freePort();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    @AfterEach
    void close() {
        if (history != null) {
            history.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    /** The engine with the history's test actions, recording into {@code settings}. */
    ExecutionHistory recording(HistorySettings settings) {
        SecretSource secrets = name -> name.equals("api_token") ? Optional.of(API_TOKEN) : Optional.empty();
        engine = new Engine(Settings.defaults(secrets)).property("upstream", upstream.url(""))
                .property("closed", "http://127.0.0.1:" + closedPort)
                .load("history/history_get").load("history/history_post").load("history/history_secret").load("history/history_unreachable");
        history = ExecutionHistory.open(settings, Duration.ofHours(1), Clock.systemUTC());
        engine.actions().addListener(history);
        return history;
    }

    ActionResult run(String action, String contexts, String source, String caller) throws Exception {
        return engine.actions().execute(action, new ExecutionInput(Contexts.fromJson(Json.mapper().readTree(contexts)), source, caller));
    }

    void awaitWritten(long count) {
        Eventually.await(Duration.ofSeconds(20), count + " records written", () -> history.written() >= count);
    }

    JsonNode only() throws Exception {
        List<HistoryRecord> items = history.store().list(HistoryQuery.newest(10)).items();
        assertThat(items).hasSize(1);
        return history.store().find(items.get(0).id()).orElseThrow().toJson();
    }

    static HistoryRecord record(Instant at, String action, boolean success, String source) {
        return new HistoryRecord(HistoryRecord.timeOrderedId(at), at, action, source, "local", 5, success, success ? 200 : 500,
                success ? null : "HTTP 500", "{}");
    }

    /** Records in a store of their own, no engine: for order, paging, filters and retention. */
    HistorySettings settingsOfLastStore;

    HistoryStore store(List<HistoryRecord> records) throws Exception {
        settingsOfLastStore = settings();
        history = ExecutionHistory.open(settingsOfLastStore, Duration.ofHours(1), Clock.systemUTC());
        for (int from = 0; from < records.size(); from += 500) {
            history.store().insert(records.subList(from, Math.min(records.size(), from + 500)));
        }
        return history.store();
    }

    static List<String> ids(List<HistoryRecord> records) {
        return records.stream().map(HistoryRecord::id).toList();
    }

    static List<HistoryRecord> newestFirst(List<HistoryRecord> records) {
        return records.stream().sorted(Comparator.comparing(HistoryRecord::startedAt).thenComparing(HistoryRecord::id).reversed()).toList();
    }

    @Test
    void anExecutionIsRecordedWithEverySpecField() throws Exception {
        recording(settings());
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);

        ActionResult result = run("history_get", "{\"user\": {\"user_id\": \"u-7\"}, \"session\": {\"sid\": \"s-1\"}}", "execute", "ops-key");
        awaitWritten(1);

        JsonNode record = only();
        assertThat(record.get("id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(record.get("started_at").asText()).endsWith("Z");
        assertThat(Instant.parse(record.get("started_at").asText())).isBetween(before, Instant.now());
        assertThat(record.get("action").asText()).isEqualTo("history_get");
        assertThat(record.get("source").asText()).isEqualTo("execute");
        assertThat(record.get("caller").asText()).isEqualTo("ops-key");
        assertThat(record.get("duration_ms").asLong()).isEqualTo(result.durationMs());
        assertThat(record.get("success").asBoolean()).isTrue();
        assertThat(record.get("status_code").asInt()).isEqualTo(200);
        assertThat(record.get("error").isNull()).isTrue();
        assertThat(record.at("/request/method").asText()).isEqualTo("GET");
        assertThat(record.at("/request/url").asText()).isEqualTo(upstream.url("/users/u-7"));
        assertThat(record.at("/request/headers/X-Session").asText()).isEqualTo("s-1");
        assertThat(record.at("/request/body").isNull()).isTrue();
        assertThat(record.at("/response/status").asInt()).isEqualTo(200);
        assertThat(record.at("/response/headers/Content-type").asText()).isEqualTo("application/json");
        assertThat(record.at("/response/body").asText()).isEqualTo("{\"name\": \"user u-7\", \"plan\": \"gold\"}");
        assertThat(record.at("/attributes/user/user_name").asText()).isEqualTo("user u-7");
        assertThat(record.at("/attributes/user/history_get_action_success").asBoolean()).isTrue();
        assertThat(record.at("/attributes/user/history_get_status_code").asInt()).isEqualTo(200);
        assertThat(record.at("/attributes/session/plan").asText()).isEqualTo("gold");
        assertThat(record.get("truncated").asBoolean()).isFalse();
        assertThat(record.at("/response/truncated").isMissingNode()).isTrue();
    }

    @Test
    void theSummaryInTheListHoldsTheSummaryFieldsOfTheRecord() throws Exception {
        recording(settings());
        run("history_get", "{\"user\": {\"user_id\": \"u-8\"}}", "test", "local");
        awaitWritten(1);

        HistoryRecord summary = history.store().list(HistoryQuery.newest(5)).items().get(0);
        JsonNode whole = history.store().find(summary.id()).orElseThrow().toJson();

        summary.summaryJson().fields().forEachRemaining(field -> assertThat(whole.get(field.getKey())).as(field.getKey()).isEqualTo(field.getValue()));
        assertThat(summary.summaryJson().fieldNames()).toIterable()
                .containsExactly("id", "started_at", "action", "source", "caller", "duration_ms", "success", "status_code", "error");
    }

    @Test
    void everySourceIsRecordedAsItCame() throws Exception {
        recording(settings());
        run("history_get", "{\"user\": {\"user_id\": \"a\"}}", "test", "tester-key");
        run("history_get", "{\"user\": {\"user_id\": \"b\"}}", "execute", "executor-key");
        engine.actions().pipeline(List.of("history_get", "history_post"), new ExecutionInput(Contexts.empty(), "pipeline", "pipe-key"));
        engine.camel().createProducerTemplate().requestBody("webhook-action:history_get", Map.of("user", Map.of("user_id", "c")));
        run("history_get", "{\"user\": {\"user_id\": \"d\"}}", "cli", "local");
        awaitWritten(6);

        for (String source : HistoryQuery.SOURCES) {
            List<HistoryRecord> items = history.store().list(new HistoryQuery(null, null, source, null, null, 10, null, List.of())).items();
            assertThat(items).as(source).hasSize(source.equals("pipeline") ? 2 : 1);
            assertThat(items).allSatisfy(item -> assertThat(item.source()).isEqualTo(source));
        }
        assertThat(history.store().list(new HistoryQuery(null, null, "pipeline", null, null, 10, null, List.of())).items())
                .extracting(HistoryRecord::action, HistoryRecord::caller)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("history_get", "pipe-key"),
                        org.assertj.core.groups.Tuple.tuple("history_post", "pipe-key"));
    }

    @Test
    void theRecordHoldsNoSecretEvenWhenTheUpstreamEchoesIt() throws Exception {
        recording(settings());

        run("history_secret", "{\"user\": {\"note\": \"" + API_TOKEN + "\"}}", "test", "local");
        awaitWritten(1);

        String stored = only().toString();
        assertThat(stored).doesNotContain(API_TOKEN)
                .doesNotContain(Base64.getEncoder().encodeToString(API_TOKEN.getBytes(StandardCharsets.UTF_8)))
                .contains(SecretSource.MASK);
        JsonNode record = only();
        // The request as shown masks the secret; the echo of the rendered header, itself a secret value (SPEC §11), is
        // scrubbed whole.
        assertThat(record.at("/request/headers/Authorization").asText()).isEqualTo("Bearer " + SecretSource.MASK);
        assertThat(record.at("/attributes/user/echoed_authorization").asText()).isEqualTo(SecretSource.MASK);
    }

    @Test
    void charactersBeyondTheBasicPlaneAndALoneSurrogateAreKeptAsTheyCame() throws Exception {
        recording(settings());
        String note = "smile \uD83D\uDE00, alone \uD800.";

        run("history_post", "{\"user\": {\"note\": \"smile \\uD83D\\uDE00, alone \\uD800.\"}}", "execute", "local");
        awaitWritten(1);

        JsonNode record = only();
        assertThat(chars(record.at("/request/body/note").asText())).isEqualTo(chars(note));
        assertThat(record.at("/response/body").asText()).isEqualTo(record.at("/attributes/user/echo_raw").asText()).contains("smile");
    }

    /** The UTF-16 units of {@code text} as numbers: an assertion message cannot print a lone surrogate. */
    private static List<Integer> chars(String text) {
        return text.chars().boxed().toList();
    }

    @Test
    void bodiesAndLongValuesAreCutAtMaxBodyBytesAndMarkedTruncated() throws Exception {
        recording(settings().withMaxBodyBytes(1024));

        run("history_post", "{\"user\": {\"note\": \"" + "é".repeat(3000) + "\"}}", "execute", "local");
        awaitWritten(1);

        JsonNode record = only();
        assertThat(record.get("truncated").asBoolean()).isTrue();
        assertThat(record.at("/request/truncated").asBoolean()).isTrue();
        assertThat(record.at("/response/truncated").asBoolean()).isTrue();
        String requestBody = record.at("/request/body").asText();
        String responseBody = record.at("/response/body").asText();
        String raw = record.at("/attributes/user/echo_raw").asText();
        for (String cut : List.of(requestBody, responseBody, raw)) {
            assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isBetween(1021, 1024);
            assertThat(cut).doesNotContain("\uFFFD");
        }
        assertThat(requestBody).startsWith("{\"note\":\"éé");
        assertThat(responseBody).isEqualTo(raw);
    }

    @Test
    void anExecutionThatReceivedNothingIsRecordedWithItsError() throws Exception {
        recording(settings());

        run("history_unreachable", "{}", "test", "local");
        awaitWritten(1);

        JsonNode record = only();
        assertThat(record.get("success").asBoolean()).isFalse();
        assertThat(record.get("status_code").isNull()).isTrue();
        assertThat(record.get("response").isNull()).isTrue();
        assertThat(record.get("error").asText()).contains("connection refused");
        assertThat(record.at("/request/url").asText()).isEqualTo("http://127.0.0.1:" + closedPort + "/nothing");
    }

    @Test
    void componentCallsAreNotRecordedWhenComponentsIsOff() throws Exception {
        HistorySettings base = settings();
        recording(new HistorySettings(true, base.url(), base.username(), base.password(), base.maxBodyBytes(), base.retention(),
                base.maxRows(), false, base.queueSize()));

        engine.camel().createProducerTemplate().requestBody("webhook-action:history_get", Map.of("user", Map.of("user_id", "c")));
        run("history_get", "{\"user\": {\"user_id\": \"e\"}}", "execute", "local");
        awaitWritten(1);

        assertThat(history.store().list(HistoryQuery.newest(10)).items()).extracting(HistoryRecord::source).containsExactly("execute");
    }

    @Test
    void theListIsNewestFirstAndCursorPagesNeitherRepeatNorSkip() throws Exception {
        List<HistoryRecord> records = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            // Three records share each microsecond: the id breaks the tie.
            records.add(record(T.plus(i / 3, ChronoUnit.MICROS), "history_get", true, "test"));
        }
        HistoryStore store = store(records);

        List<HistoryRecord> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        Cursor cursor = null;
        do {
            HistoryStore.Page page = store.list(HistoryQuery.newest(50).page(cursor, 50));
            sizes.add(page.items().size());
            seen.addAll(page.items());
            cursor = page.next();
        } while (cursor != null);

        assertThat(sizes).containsExactly(50, 50, 30);
        assertThat(ids(seen)).containsExactlyElementsOf(ids(newestFirst(records)));
    }

    @Test
    void aPageEndingExactlyAtTheLastRecordHasNoNext() throws Exception {
        List<HistoryRecord> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(record(T.plusSeconds(i), "history_get", true, "test"));
        }
        HistoryStore store = store(records);

        HistoryStore.Page page = store.list(HistoryQuery.newest(10));

        assertThat(page.items()).hasSize(10);
        assertThat(page.next()).isNull();
    }

    /** Found by the API attack pass: the API takes any year ISO-8601 allows, and any cursor a long of microseconds makes. */
    @Test
    void sinceUntilAndCursorsAtTheEndsOfTimeListLikeAnyOther() throws Exception {
        HistoryStore store = store(List.of(record(T, "history_get", true, "test")));
        Map<String, List<String>> ever = Map.of("since", List.of("-999999999-01-01T00:00:00Z"), "until", List.of("+999999999-12-31T23:59:59Z"));

        assertThat(store.list(HistoryQuery.parse(ever, HistoryQuery.MAX_LIMIT, false)).items()).hasSize(1);
        assertThat(store.list(HistoryQuery.parse(Map.of("since", List.of("+999999999-01-01T00:00:00Z")), 500, false)).items()).isEmpty();
        assertThat(store.list(HistoryQuery.parse(Map.of("until", List.of("-999999999-01-01T00:00:00Z")), 500, false)).items()).isEmpty();
        for (long micros : new long[] {Long.MAX_VALUE, Long.MIN_VALUE}) {
            String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + new UUID(0, 0)).getBytes(StandardCharsets.US_ASCII));
            assertThat(store.list(HistoryQuery.parse(Map.of("before", List.of(cursor)), 500, false)).items()).as("before " + micros)
                    .hasSize(micros > 0 ? 1 : 0);
        }
    }

    @Test
    void recordsWrittenBetweenTwoPagesDoNotShiftTheSecondPage() throws Exception {
        List<HistoryRecord> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            records.add(record(T.plusSeconds(i), "history_get", true, "test"));
        }
        HistoryStore store = store(records);
        HistoryStore.Page first = store.list(HistoryQuery.newest(10));

        store.insert(List.of(record(T.plusSeconds(100), "history_get", true, "test"), record(T.plusSeconds(101), "history_get", true, "test")));
        HistoryStore.Page second = store.list(HistoryQuery.newest(10).page(first.next(), 10));

        assertThat(ids(second.items())).containsExactlyElementsOf(ids(newestFirst(records).subList(10, 20)));
    }

    @Test
    void filtersByActionSuccessSourceAndTimeRangeCombine() throws Exception {
        List<HistoryRecord> records = new ArrayList<>();
        String[] sources = {"test", "execute", "pipeline", "component", "cli"};
        for (int i = 0; i < 100; i++) {
            records.add(record(T.plusSeconds(i), i % 2 == 0 ? "get_user" : "create_note", i % 5 != 0, sources[i % 5]));
        }
        HistoryStore store = store(records);

        assertThat(store.list(query("get_user", null, null, null, null)).items()).hasSize(50)
                .allSatisfy(r -> assertThat(r.action()).isEqualTo("get_user"));
        assertThat(store.list(query(null, false, null, null, null)).items()).hasSize(20).allSatisfy(r -> assertThat(r.success()).isFalse());
        assertThat(store.list(query(null, null, "cli", null, null)).items()).hasSize(20).allSatisfy(r -> assertThat(r.source()).isEqualTo("cli"));
        List<HistoryRecord> window = store.list(query(null, null, null, T.plusSeconds(10), T.plusSeconds(20))).items();
        assertThat(window).extracting(HistoryRecord::startedAt).as("since inclusive, until exclusive")
                .containsExactlyElementsOf(newestFirst(records.subList(10, 20)).stream().map(HistoryRecord::startedAt).toList());
        List<HistoryRecord> combined = store.list(query("get_user", false, "test", T, T.plusSeconds(50))).items();
        assertThat(combined).extracting(HistoryRecord::startedAt)
                .containsExactly(T.plusSeconds(40), T.plusSeconds(30), T.plusSeconds(20), T.plusSeconds(10), T);
    }

    @Test
    void cursorPagingKeepsTheActionFilter() throws Exception {
        List<HistoryRecord> records = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            records.add(record(T.plusMillis(i), i % 3 == 0 ? "get_user" : "create_note", true, "test"));
        }
        HistoryStore store = store(records);

        HistoryStore.Page first = store.list(query("get_user", null, null, null, null).page(null, 20));
        HistoryStore.Page second = store.list(query("get_user", null, null, null, null).page(first.next(), 20));

        List<HistoryRecord> expected = newestFirst(records.stream().filter(r -> r.action().equals("get_user")).toList());
        assertThat(ids(first.items())).containsExactlyElementsOf(ids(expected.subList(0, 20)));
        assertThat(ids(second.items())).containsExactlyElementsOf(ids(expected.subList(20, 30)));
        assertThat(second.next()).isNull();
    }

    @Test
    void actionPatternsOfACallerLimitTheListAndUnderscoreIsNoWildcard() throws Exception {
        HistoryStore store = store(List.of(record(T, "get_user", true, "test"), record(T.plusSeconds(1), "getxuser", true, "test"),
                record(T.plusSeconds(2), "create_note", true, "test"), record(T.plusSeconds(3), "read_note", true, "test")));

        List<HistoryRecord> seen = store.list(HistoryQuery.newest(10).within(List.of("get_*", "*_note"))).items();

        assertThat(seen).extracting(HistoryRecord::action).containsExactly("read_note", "create_note", "get_user");
    }

    @Test
    void anUnknownIdIsNotFoundAndAKnownOneIsFoundByItsTime() throws Exception {
        HistoryRecord known = record(T.plusMillis(3), "get_user", true, "test");
        HistoryStore store = store(List.of(record(T, "get_user", true, "test"), known));

        assertThat(store.find(known.id())).get().extracting(HistoryRecord::startedAt).isEqualTo(known.startedAt());
        assertThat(store.find(HistoryRecord.timeOrderedId(T))).as("a well-formed id of nothing").isEmpty();
        assertThat(store.find(HistoryRecord.timeOrderedId(T.plusSeconds(5)))).isEmpty();
        assertThat(store.find(UUID.randomUUID().toString())).as("not an id this service makes").isEmpty();
        assertThat(store.find("not-a-uuid")).isEmpty();
    }

    @Test
    void retentionDeletesRecordsOlderThanRetentionDays() throws Exception {
        List<HistoryRecord> records = new ArrayList<>();
        for (int days : new int[] {10, 8, 6, 1}) {
            for (int i = 0; i < 300; i++) {
                records.add(record(T.minus(days, ChronoUnit.DAYS).plusMillis(i), "get_user", true, "test"));
            }
        }
        HistoryStore store = store(records);

        long deleted = new Retention(store, Duration.ofDays(7), 100_000, Clock.fixed(T, ZoneOffset.UTC)).enforce();

        assertThat(deleted).isEqualTo(600);
        assertThat(store.count()).isEqualTo(600);
        assertThat(store.list(HistoryQuery.newest(500).page(null, 500)).items())
                .allSatisfy(r -> assertThat(r.startedAt()).isAfter(T.minus(7, ChronoUnit.DAYS)));
    }

    @Test
    void retentionKeepsTheNewestMaxRowsRecords() throws Exception {
        List<HistoryRecord> records = new ArrayList<>();
        for (int i = 0; i < 1205; i++) {
            records.add(record(T.plus(i / 2, ChronoUnit.MICROS), "get_user", true, "test"));
        }
        HistoryStore store = store(records);

        new Retention(store, Duration.ofDays(7), 3, Clock.fixed(T, ZoneOffset.UTC)).enforce();

        assertThat(ids(store.list(HistoryQuery.newest(10)).items())).containsExactlyElementsOf(ids(newestFirst(records).subList(0, 3)));
    }

    @Test
    void retentionRunsInTheBackground() throws Exception {
        List<HistoryRecord> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            records.add(record(Instant.now().minusSeconds(i), "get_user", true, "test"));
        }
        history = ExecutionHistory.open(settings().withRetention(Duration.ofDays(7), 5), Duration.ofMillis(100), Clock.systemUTC());
        history.store().insert(records);

        Eventually.await(Duration.ofSeconds(20), "retention cut the history to 5 records", () -> {
            try {
                return history.store().count() == 5;
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void closingWritesWhatIsStillQueued() throws Exception {
        HistorySettings settings = settings();
        recording(settings);
        for (int i = 0; i < 40; i++) {
            run("history_get", "{\"user\": {\"user_id\": \"q" + i + "\"}}", "execute", "local");
        }

        history.close();
        history = ExecutionHistory.open(settings, Duration.ofHours(1), Clock.systemUTC());

        assertThat(history.store().count()).isEqualTo(40);
    }

    @Test
    void theSchemaIsCreatedByFlywayAndOpeningAgainMigratesNothing() throws Exception {
        HistorySettings settings = settings();
        history = ExecutionHistory.open(settings, Duration.ofHours(1), Clock.systemUTC());
        history.store().insert(List.of(record(T, "get_user", true, "test")));
        history.close();

        history = ExecutionHistory.open(settings, Duration.ofHours(1), Clock.systemUTC());

        assertThat(history.store().count()).isEqualTo(1);
        try (HistoryDatabase database = HistoryDatabase.open(settings); Connection connection = database.connection();
             ResultSet rows = connection.createStatement().executeQuery("SELECT \"version\", \"success\", \"type\" FROM \""
                     + HistoryDatabase.SCHEMA_TABLE + "\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            List<String> versions = new ArrayList<>();
            while (rows.next()) {
                assertThat(rows.getBoolean(2)).isTrue();
                versions.add(rows.getString(1) + " " + rows.getString(3));
            }
            assertThat(versions).as("V1 the history, V2 the Kafka mode's shared guard, V3 and V4 the history in groups")
                    .containsExactly("1 SQL", "2 SQL", "3 SQL", "4 JDBC");
        }
    }

    /**
     * Records of several kinds whose groups overlap in time, written in batches of any size: every list (each
     * filter, paged 7 at a time) is exactly what filtering and sorting all records gives, and every record is found
     * with its own detail.
     */
    @Test
    void groupsThatOverlapInTimeListAndFindExactlyLikeOneRowARecord() throws Exception {
        java.util.Random random = new java.util.Random(11);
        String[] actions = {"get_user", "get_note", "create_note"};
        String[] sources = {"test", "execute"};
        List<HistoryRecord> records = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            // Three seconds, so groups (at most one second each) of different kinds interleave; some microseconds shared.
            Instant at = T.plus(random.nextInt(3_000_000) / 7 * 7, ChronoUnit.MICROS);
            boolean success = random.nextInt(4) > 0;
            records.add(new HistoryRecord(HistoryRecord.timeOrderedId(at), at, actions[random.nextInt(3)], sources[random.nextInt(2)],
                    "caller-" + i, i, success, success ? 200 : 500, success ? null : "HTTP 500 of " + i,
                    "{\"n\": " + i + ", \"text\": \"é😀 " + "x".repeat(random.nextInt(300)) + "\"}"));
        }
        history = ExecutionHistory.open(settings(), Duration.ofHours(1), Clock.systemUTC());
        HistoryStore store = history.store();
        for (int from = 0; from < records.size(); ) {
            int to = Math.min(records.size(), from + 1 + random.nextInt(200));
            store.insert(records.subList(from, to));
            from = to;
        }

        List<HistoryQuery> queries = List.of(HistoryQuery.newest(7), query("get_note", null, null, null, null),
                query(null, false, null, null, null), query(null, null, "execute", null, null),
                query(null, null, null, T.plusMillis(1200), T.plusMillis(1900)), query("create_note", true, "test", T.plusMillis(500), null),
                HistoryQuery.newest(7).within(List.of("get_*")));
        for (HistoryQuery query : queries) {
            List<HistoryRecord> expected = newestFirst(records.stream().filter(r -> matches(query, r)).toList());
            List<HistoryRecord> seen = new ArrayList<>();
            Cursor cursor = null;
            do {
                HistoryStore.Page page = store.list(query.page(cursor, 7));
                assertThat(page.items().size()).isLessThanOrEqualTo(7);
                seen.addAll(page.items());
                cursor = page.next();
            } while (cursor != null && seen.size() <= records.size());
            assertThat(ids(seen)).as(query.toString()).containsExactlyElementsOf(ids(expected));
        }
        assertThat(store.count()).isEqualTo(700);
        for (HistoryRecord record : records.subList(0, 60)) {
            HistoryRecord found = store.find(record.id()).orElseThrow();
            assertThat(found).as("found with every field and its own detail").isEqualTo(record);
        }
    }

    private static boolean matches(HistoryQuery query, HistoryRecord record) {
        return (query.action() == null || query.action().equals(record.action()))
                && (query.success() == null || query.success() == record.success())
                && (query.source() == null || query.source().equals(record.source()))
                && (query.since() == null || !record.startedAt().isBefore(query.since()))
                && (query.until() == null || record.startedAt().isBefore(query.until()))
                && (query.patterns().isEmpty() || record.action().startsWith("get_"));
    }

    @Test
    void retentionByAgeCutsThroughAGroupAtTheExactRecord() throws Exception {
        List<HistoryRecord> records = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            records.add(record(T.minus(8, ChronoUnit.DAYS).plusMillis(10L * i), "get_user", true, "test"));
        }
        HistoryStore store = store(records);
        // Records 0-100 make the first group (one second), 101-199 the second; the cutoff falls between records 50 and 51.
        Instant now = T.plusMillis(500).plusNanos(500_000);

        long deleted = new Retention(store, Duration.ofDays(8), 100_000, Clock.fixed(now, ZoneOffset.UTC)).enforce();

        assertThat(deleted).isEqualTo(51);
        assertThat(ids(store.list(HistoryQuery.newest(500)).items())).containsExactlyElementsOf(ids(newestFirst(records).subList(0, 149)));
        assertThat(store.find(records.get(150).id())).get().extracting(HistoryRecord::detail).isEqualTo("{}");
    }

    /** Retention trims a group between find's two reads of it: find answers with the record asked for, or nothing. */
    @Test
    void aRecordIsFoundByItsIdEvenWhenRetentionTrimsItsGroupMeanwhile() throws Exception {
        List<HistoryRecord> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Instant at = T.minus(8, ChronoUnit.DAYS).plusMillis(i);
            records.add(new HistoryRecord(HistoryRecord.timeOrderedId(at), at, "get_user", "test", "local", i, true, 200, null, "{\"n\": " + i + "}"));
        }
        HistoryStore plain = store(records);
        Retention trimFirstSix = new Retention(plain, Duration.ofDays(8), 100_000, Clock.fixed(T.plusNanos(5_500_000), ZoneOffset.UTC));
        try (HistoryDatabase database = HistoryDatabase.open(settingsOfLastStore)) {
            AtomicBoolean trimmed = new AtomicBoolean();
            HistoryStore racing = new HistoryStore(InterceptedConnections.racedBy(database, "details FROM", trimFirstSix, 6, trimmed));

            assertThat(racing.find(records.get(7).id())).as("its place in the group moved from 7 to 1").contains(records.get(7));
            assertThat(trimmed).isTrue();
            assertThat(racing.find(records.get(2).id())).as("deleted by the trim").isEmpty();
            assertThat(racing.find(records.get(9).id())).contains(records.get(9));
        }
    }

    /**
     * Two instances' retention on one database: one trims a group between the other's read of it and its replacement;
     * the second must not put back what the first deleted.
     */
    @Test
    void retentionNeverBringsBackWhatAnotherInstancesRetentionDeleted() throws Exception {
        List<HistoryRecord> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(record(T.minus(8, ChronoUnit.DAYS).plusMillis(i), "get_user", true, "test"));
        }
        HistoryStore first = store(records);
        Retention byAge = new Retention(first, Duration.ofDays(8), 100_000, Clock.fixed(T.plusNanos(5_500_000), ZoneOffset.UTC));
        try (HistoryDatabase database = HistoryDatabase.open(settingsOfLastStore)) {
            AtomicBoolean trimmed = new AtomicBoolean();
            // The first instance trims records 0-5 just before the second deletes the group it read.
            HistoryStore second = new HistoryStore(InterceptedConnections.racedBy(database, "DELETE", byAge, 6, trimmed));

            second.keepNewest(8, Retention.CHUNK);

            assertThat(trimmed).isTrue();
            assertThat(ids(first.list(HistoryQuery.newest(20)).items())).containsExactlyElementsOf(ids(newestFirst(records).subList(0, 4)));
        }
    }

    /** The pool holds four connections (the writer, two readers, retention): retention never takes two at once. */
    @Test
    void retentionUsesOneConnectionAtATime() throws Exception {
        List<HistoryRecord> records = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            records.add(record(T.minus(10, ChronoUnit.DAYS).plusMillis(3L * i), i % 2 == 0 ? "get_user" : "get_note", true, "test"));
        }
        store(records);
        AtomicInteger open = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        try (HistoryDatabase database = HistoryDatabase.open(settingsOfLastStore)) {
            HistoryStore counted = new HistoryStore(InterceptedConnections.counted(database, open, most));

            long deleted = new Retention(counted, Duration.ofDays(10), 1000, Clock.fixed(T.plusMillis(1500), ZoneOffset.UTC)).enforce();

            assertThat(deleted).isEqualTo(2000);
            assertThat(counted.count()).isEqualTo(1000);
        }
        assertThat(most.get()).as("connections open at once").isEqualTo(1);
        assertThat(open.get()).as("all given back").isZero();
    }

    @Test
    void recordsOfTheFirstVersionsTableAreMovedIntoGroupsAndTheTableDropped() throws Exception {
        HistorySettings settings = settings();
        HistoryRecord first = record(T, "get_user", true, "test");
        HistoryRecord second = new HistoryRecord(HistoryRecord.timeOrderedId(T.plusMillis(5)), T.plusMillis(5), "get_user", "cli", "ci",
                7, false, null, "connection refused", "{\"request\": {\"method\": \"GET\"}, \"response\": null}");
        try (HistoryDatabase database = HistoryDatabase.open(settings)) {
            org.flywaydb.core.Flyway.configure(HistoryDatabase.class.getClassLoader()).dataSource(database.pool())
                    .locations(HistoryDatabase.MIGRATIONS).table(HistoryDatabase.SCHEMA_TABLE).baselineOnMigrate(true).baselineVersion("0")
                    .target("2").load().migrate();
            try (Connection connection = database.pool().getConnection();
                 var insert = connection.prepareStatement("INSERT INTO webhook_execution (id, started_at, action, source, caller,"
                         + " duration_ms, success, status_code, error, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (HistoryRecord record : List.of(first, second)) {
                    insert.setString(1, record.id());
                    insert.setObject(2, record.startedAt().atOffset(ZoneOffset.UTC));
                    insert.setString(3, record.action());
                    insert.setString(4, record.source());
                    insert.setString(5, record.caller());
                    insert.setLong(6, record.durationMs());
                    insert.setBoolean(7, record.success());
                    insert.setObject(8, record.statusCode(), java.sql.Types.INTEGER);
                    insert.setString(9, record.error());
                    insert.setString(10, record.detail());
                    insert.executeUpdate();
                }
            }
        }

        history = ExecutionHistory.open(settings, Duration.ofHours(1), Clock.systemUTC());

        assertThat(history.store().count()).isEqualTo(2);
        assertThat(history.store().list(HistoryQuery.newest(10)).items()).extracting(HistoryRecord::id).containsExactly(second.id(), first.id());
        assertThat(history.store().find(second.id())).contains(second);
        try (HistoryDatabase database = HistoryDatabase.open(settings); Connection connection = database.connection();
             ResultSet tables = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
            }
            assertThat(names).contains("webhook_execution_group").doesNotContain("webhook_execution");
        }
    }

    static HistoryQuery query(String action, Boolean success, String source, Instant since, Instant until) {
        return new HistoryQuery(action, success, source, since, until, 500, null, List.of());
    }
}
