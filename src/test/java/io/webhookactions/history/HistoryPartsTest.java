package io.webhookactions.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webhookactions.attribute.SecretSource;
import io.webhookactions.runtime.SettingsReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The small parts of the history: cutting values, cursors, query parameters, settings, CSV cells. */
class HistoryPartsTest {

    @Test
    void aCutNeverSplitsACharacterAndKeepsShortTextAsIs() {
        assertThat(Cut.prefix("short", 1024)).isEqualTo("short");
        assertThat(Cut.prefix("é".repeat(10), 5)).isEqualTo("éé");
        assertThat(Cut.prefix("a😀b", 4)).isEqualTo("a");
        assertThat(Cut.prefix("a😀b", 5)).isEqualTo("a😀");
        assertThat(Cut.prefix("x".repeat(2000), 1024).getBytes(StandardCharsets.UTF_8)).hasSize(1024);
        byte[] bytes = "aé😀".getBytes(StandardCharsets.UTF_8); // 1 + 2 + 4 bytes
        assertThat(Cut.utf8Length(bytes, 7)).isEqualTo(7);
        assertThat(Cut.utf8Length(bytes, 6)).isEqualTo(3);
        assertThat(Cut.utf8Length(bytes, 2)).isEqualTo(1);
    }

    @Test
    void recordsAreGroupedByKindWithinOneSecondFiveHundredRecordsAndAboutOneHundredTwentyEightKiB() {
        Instant t = Instant.parse("2026-11-28T10:00:00Z");
        List<HistoryRecord> records = new java.util.ArrayList<>();
        for (int i = 0; i < 700; i++) { // one every 3 ms, newest first: grouping sorts
            Instant at = t.plusMillis(3L * (699 - i));
            records.add(new HistoryRecord(HistoryRecord.timeOrderedId(at), at, "get_user", "test", "local", 1, true, 200, null, "{}"));
        }
        Instant late = t.plusSeconds(5);
        records.add(new HistoryRecord(HistoryRecord.timeOrderedId(late), late, "get_user", "cli", "local", 1, true, 200, null, "{}"));
        records.add(new HistoryRecord(HistoryRecord.timeOrderedId(late), late, "get_user", "test", "local", 1, false, 500, "HTTP 500", "{}"));
        String big = "{\"body\": \"" + "é".repeat(40_000) + "\"}"; // 80 000 bytes
        for (int i = 0; i < 3; i++) {
            records.add(new HistoryRecord(HistoryRecord.timeOrderedId(late), late.plusMillis(i), "post_file", "test", "local", 1, true, 200, null, big));
        }
        for (int i = 0; i < 1200; i++) { // all in one microsecond
            records.add(new HistoryRecord(HistoryRecord.timeOrderedId(late), late, "get_note", "test", "local", 1, true, 200, null, "{}"));
        }

        List<RecordGroup> groups = RecordGroup.of(records);

        assertThat(groups).extracting(g -> g.summaries().size())
                .as("a second at most; kinds apart; about 128 KiB of details; 500 at most")
                .containsExactly(334, 334, 32, 1, 1, 2, 1, 500, 500, 200);
        RecordGroup first = groups.get(0);
        assertThat(first.oldest().startedAt()).isEqualTo(t);
        assertThat(first.newest().startedAt()).isEqualTo(t.plusMillis(999));
        assertThat(groups.get(1).oldest().startedAt()).isEqualTo(t.plusMillis(1002));
        assertThat(groups.get(1).newest().startedAt()).as("exactly one second after the group's oldest, still in").isEqualTo(t.plusMillis(2001));
        for (RecordGroup group : groups) {
            assertThat(group.summaries()).isSortedAccordingTo(RecordGroup.OLDEST_FIRST);
        }
        RecordGroup files = groups.get(5);
        assertThat(files.withDetail(1).detail()).isEqualTo(big);
        RecordGroup read = RecordGroup.read("post_file", "test", true, files.summariesJson(), files.details());
        assertThat(read.withDetail(0)).isEqualTo(files.summaries().get(0));
        assertThat(read.withDetail(1)).isEqualTo(files.summaries().get(1));
        assertThatThrownBy(() -> RecordGroup.read("get_user", "test", true, "[{\"id\": ", new byte[0]))
                .hasMessageContaining("an execution group of get_user in the history cannot be read");
    }

    @Test
    void sinceAndUntilFinerThanAMicrosecondAreRoundedUpToTheNextOne() {
        Instant between = Instant.parse("2026-11-28T10:00:00.0000004Z");
        HistoryQuery query = new HistoryQuery(null, null, null, between, between.plusSeconds(1), 50, null, List.of());

        assertThat(query.since()).as("a record at .000000 is before it, one at .000001 not").isEqualTo(Instant.parse("2026-11-28T10:00:00.000001Z"));
        assertThat(query.until()).isEqualTo(Instant.parse("2026-11-28T10:00:01.000001Z"));
        assertThat(new HistoryQuery(null, null, null, between.minusNanos(400), null, 50, null, List.of()).since())
                .as("whole microseconds stay").isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
    }

    @Test
    void recordIdsAreUuidsThatSortByTheirStartTime() {
        Instant early = Instant.parse("2026-11-28T10:15:30.123Z");
        String first = HistoryRecord.timeOrderedId(early);
        String second = HistoryRecord.timeOrderedId(early.plusMillis(1));

        assertThat(java.util.UUID.fromString(first).version()).isEqualTo(7);
        assertThat(first.replace("-", "").substring(0, 12)).isEqualTo(String.format("%012x", early.toEpochMilli()));
        assertThat(first).isLessThan(second);
    }

    @Test
    void aCursorRoundTripsAndAnythingElseIsNoCursor() {
        Cursor cursor = new Cursor(Instant.parse("2026-11-28T10:15:30.123456Z"), "0b8c7a4e-1d2f-4a6b-9c3d-5e6f7a8b9c0d");

        assertThat(Cursor.decode(cursor.encode())).contains(cursor);
        assertThat(cursor.encode()).doesNotContain("2026").doesNotContain("=");
        for (String bad : List.of("", "!!!", "bm90LWEtY3Vyc29y", "MTIzOmFiYw", "x".repeat(200))) {
            assertThat(Cursor.decode(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void queryParametersHaveTheirDefaultsAndLimits() {
        HistoryQuery plain = HistoryQuery.parse(Map.of(), HistoryQuery.MAX_LIMIT, false);
        HistoryQuery export = HistoryQuery.parse(Map.of(), 1_000_000, true);
        HistoryQuery full = HistoryQuery.parse(Map.of("action", List.of("get_user"), "success", List.of("false"), "source", List.of("cli"),
                "since", List.of("2026-11-01"), "until", List.of("2026-11-02T10:00:00+02:00"), "limit", List.of("500")), 500, false);

        assertThat(plain.limit()).isEqualTo(50);
        assertThat(export.limit()).isEqualTo(1_000_000);
        assertThat(full.action()).isEqualTo("get_user");
        assertThat(full.success()).isFalse();
        assertThat(full.source()).isEqualTo("cli");
        assertThat(full.since()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(full.until()).isEqualTo(Instant.parse("2026-11-02T08:00:00Z"));
        assertThat(full.limit()).isEqualTo(500);
        assertThatThrownBy(() -> HistoryQuery.parse(Map.of("limit", List.of("501")), 500, false))
                .isInstanceOfSatisfying(HistoryQuery.BadParameter.class, e -> assertThat(e.parameter()).isEqualTo("limit"))
                .hasMessage("limit: must be between 1 and 500");
    }

    @Test
    void settingsDefaultToTheEmbeddedFileAndTheSpecsLimits() {
        HistorySettings service = HistorySettings.read(new SettingsReader(key -> Optional.empty()), true, SecretSource.none());
        HistorySettings host = HistorySettings.read(new SettingsReader(key -> Optional.empty()), false, SecretSource.none());

        assertThat(service.enabled()).isTrue();
        assertThat(host.enabled()).isFalse();
        assertThat(service.url()).isEqualTo("jdbc:h2:file:./data/history");
        assertThat(service.username()).isEqualTo("sa");
        assertThat(service.maxBodyBytes()).isEqualTo(65_536);
        assertThat(service.retention()).isEqualTo(Duration.ofDays(7));
        assertThat(service.maxRows()).isEqualTo(100_000);
        assertThat(service.components()).isTrue();
    }

    @Test
    void thePasswordMayComeFromTheSecretStore() {
        Map<String, String> properties = Map.of("webhook.history.url", "jdbc:postgresql://db/history", "webhook.history.username", "app",
                "webhook.history.password-secret", "history_db");
        SecretSource secrets = name -> name.equals("history_db") ? Optional.of("s3cret-pw") : Optional.empty();

        HistorySettings settings = HistorySettings.read(new SettingsReader(key -> Optional.ofNullable(properties.get(key))), true, secrets);

        assertThat(settings.password()).isEqualTo("s3cret-pw");
        assertThat(settings.username()).isEqualTo("app");
        assertThatThrownBy(() -> HistorySettings.read(new SettingsReader(key -> Optional.ofNullable(properties.get(key))), true,
                SecretSource.none())).hasMessageContaining("webhook.history.password-secret").hasMessageContaining("secrets set history_db");
    }

    @Test
    void csvCellsAreQuotedAsRfc4180SaysAndFormulasAreDefused() {
        assertThat(CsvExport.text("plain")).isEqualTo("plain");
        assertThat(CsvExport.text("a, b")).isEqualTo("\"a, b\"");
        assertThat(CsvExport.text("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvExport.text("two\nlines")).isEqualTo("\"two\nlines\"");
        for (String formula : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
            assertThat(CsvExport.text(formula)).as(formula).contains("'" + formula.charAt(0));
        }
        assertThat(CsvExport.text("=A1,B1")).isEqualTo("\"'=A1,B1\"");
        assertThat(CsvExport.text(null)).isEmpty();
        HistoryRecord record = new HistoryRecord("0b8c7a4e-1d2f-4a6b-9c3d-5e6f7a8b9c0d", Instant.parse("2026-11-28T10:15:30Z"), "get_user",
                "test", "ops", 12, false, null, "could not connect", "{}");
        assertThat(CsvExport.rows(List.of(record)))
                .isEqualTo("0b8c7a4e-1d2f-4a6b-9c3d-5e6f7a8b9c0d,2026-11-28T10:15:30Z,get_user,test,ops,12,false,,could not connect\r\n");
    }
}
