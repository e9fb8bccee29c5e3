package io.webhookactions.history;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.webhookactions.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records of one action, source and outcome that the writer took together, stored as one row of
 * {@code webhook_execution_group}: the summaries as a JSON array, the details as one UTF-8 JSON array with each
 * record's place in it. A row costs the database about the same whatever it holds (H2 spends 12-15 µs of CPU on
 * each row it inserts, more than the benchmark's whole call costs the service), so the history's cost is per
 * group, and a busy action's records share few rows. The details are bytes, not text: H2 writes text a character
 * at a time and hashes it, bytes in one copy.
 * <p>
 * A group spans at most {@link #MAX_SPAN} from its oldest to its newest record, so a list that starts at a point
 * in time finds every group holding a record before it within that span of it.
 *
 * @param summaries the records without their detail, oldest first
 * @param details   the UTF-8 JSON array of their details, in the same order
 * @param places    where each record's detail lies in {@code details}: offset and length, two ints a record
 */
record RecordGroup(List<HistoryRecord> summaries, byte[] details, int[] places) {

    /** The longest time between a group's oldest and newest record. */
    static final Duration MAX_SPAN = Duration.ofSeconds(1);
    static final int MAX_RECORDS = 500;
    /**
     * Details of one group, about at most (a record larger than this alone is a group of one). Kept well below
     * 512 KiB: G1 allocates an array of half its region size or more (regions are 1 MiB in heaps under 2 GiB)
     * outside the young generation, at a far higher cost.
     */
    static final int MAX_DETAIL_BYTES = 128 * 1024;

    static final Comparator<HistoryRecord> OLDEST_FIRST = Comparator.comparing(HistoryRecord::startedAt).thenComparing(HistoryRecord::id);

    HistoryRecord oldest() {
        return summaries.get(0);
    }

    HistoryRecord newest() {
        return summaries.get(summaries.size() - 1);
    }

    /** The groups {@code records} make: by action, source and outcome, oldest first, each within the limits. */
    static List<RecordGroup> of(List<HistoryRecord> records) {
        Map<Kind, List<HistoryRecord>> byKind = new LinkedHashMap<>();
        for (HistoryRecord record : records) {
            byKind.computeIfAbsent(new Kind(record.action(), record.source(), record.success()), kind -> new ArrayList<>()).add(record);
        }
        List<RecordGroup> groups = new ArrayList<>();
        for (List<HistoryRecord> kind : byKind.values()) {
            kind.sort(OLDEST_FIRST);
            int from = 0;
            while (from < kind.size()) {
                Builder group = new Builder(kind.get(from));
                int next = from + 1;
                while (next < kind.size() && group.takes(kind.get(next))) {
                    group.add(kind.get(next));
                    next++;
                }
                groups.add(group.build());
                from = next;
            }
        }
        return groups;
    }

    /** What the records of one group share. */
    private record Kind(String action, String source, boolean success) {
    }

    /** The same records less those {@code keep} refuses; empty when none is left. */
    java.util.Optional<RecordGroup> retain(java.util.function.Predicate<HistoryRecord> keep) {
        Builder kept = null;
        for (int i = 0; i < summaries.size(); i++) {
            HistoryRecord record = summaries.get(i);
            if (keep.test(record)) {
                HistoryRecord whole = withDetail(i);
                if (kept == null) {
                    kept = new Builder(whole);
                } else {
                    kept.add(whole);
                }
            }
        }
        return java.util.Optional.ofNullable(kept).map(Builder::build);
    }

    /** Where record {@code id} is among the summaries; -1 when it is not in this group. */
    int indexOf(String id) {
        for (int i = 0; i < summaries.size(); i++) {
            if (summaries.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** Record {@code index} with its detail. */
    HistoryRecord withDetail(int index) {
        HistoryRecord summary = summaries.get(index);
        String detail = new String(details, places[2 * index], places[2 * index + 1], StandardCharsets.UTF_8);
        return new HistoryRecord(summary.id(), summary.startedAt(), summary.action(), summary.source(), summary.caller(),
                summary.durationMs(), summary.success(), summary.statusCode(), summary.error(), detail);
    }

    /** The summaries column. */
    String summariesJson() {
        return Json.text(json -> {
            json.writeStartArray();
            for (int i = 0; i < summaries.size(); i++) {
                HistoryRecord record = summaries.get(i);
                json.writeStartObject();
                json.writeStringField("id", record.id());
                // Microseconds since 1970 rather than ISO text: formatting an Instant costs more than the rest of the entry.
                json.writeNumberField("started_at_us", micros(record.startedAt()));
                json.writeStringField("caller", record.caller());
                json.writeNumberField("duration_ms", record.durationMs());
                if (record.statusCode() == null) {
                    json.writeNullField("status_code");
                } else {
                    json.writeNumberField("status_code", record.statusCode());
                }
                if (record.error() == null) {
                    json.writeNullField("error");
                } else {
                    json.writeStringField("error", record.error());
                }
                json.writeArrayFieldStart("detail");
                json.writeNumber(places[2 * i]);
                json.writeNumber(places[2 * i + 1]);
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    /** Microseconds since 1970, by arithmetic: {@code ChronoUnit.between} builds two Instants for each. */
    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
    }

    /** A group as read back: the row's columns; {@code details} null when the query did not read them. */
    static RecordGroup read(String action, String source, boolean success, String summariesJson, byte[] details) {
        List<HistoryRecord> summaries = new ArrayList<>();
        List<Integer> places = new ArrayList<>();
        try (JsonParser json = Json.mapper().createParser(summariesJson)) {
            expect(json.nextToken(), JsonToken.START_ARRAY);
            while (json.nextToken() == JsonToken.START_OBJECT) {
                String id = null;
                Instant startedAt = null;
                String caller = null;
                long durationMs = 0;
                Integer statusCode = null;
                String error = null;
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String field = json.currentName();
                    JsonToken value = json.nextToken();
                    switch (field) {
                        case "id" -> id = json.getText();
                        case "started_at_us" -> startedAt = Instant.EPOCH.plus(json.getLongValue(), ChronoUnit.MICROS);
                        case "caller" -> caller = json.getText();
                        case "duration_ms" -> durationMs = json.getLongValue();
                        case "status_code" -> statusCode = value == JsonToken.VALUE_NULL ? null : json.getIntValue();
                        case "error" -> error = value == JsonToken.VALUE_NULL ? null : json.getText();
                        case "detail" -> {
                            expect(value, JsonToken.START_ARRAY);
                            json.nextToken();
                            places.add(json.getIntValue());
                            json.nextToken();
                            places.add(json.getIntValue());
                            expect(json.nextToken(), JsonToken.END_ARRAY);
                        }
                        default -> json.skipChildren(); // written by a later version: not ours to read
                    }
                }
                summaries.add(new HistoryRecord(id, startedAt, action, source, caller, durationMs, success, statusCode, error,
                        HistoryRecord.NO_DETAIL));
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("an execution group of " + action + " in the history cannot be read: " + e.getMessage(), e);
        }
        return new RecordGroup(summaries, details, places.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void expect(JsonToken token, JsonToken expected) throws IOException {
        if (token != expected) {
            throw new IOException("expected " + expected + ", found " + token);
        }
    }

    /** Collects records of one kind, oldest first, into a group. */
    private static final class Builder {
        private final List<HistoryRecord> summaries = new ArrayList<>();
        private final List<byte[]> details = new ArrayList<>();
        /** The details column so far: {@code [}, the details and the commas between them. */
        private int size = 1;
        private final Instant latest;

        Builder(HistoryRecord first) {
            latest = first.startedAt().plus(MAX_SPAN);
            add(first);
        }

        boolean takes(HistoryRecord next) {
            return summaries.size() < MAX_RECORDS && size < MAX_DETAIL_BYTES && !next.startedAt().isAfter(latest);
        }

        void add(HistoryRecord record) {
            byte[] detail = record.detail().getBytes(StandardCharsets.UTF_8);
            size += detail.length + 1;
            details.add(detail);
            summaries.add(record);
        }

        /** The details column built once at its final size: a growing buffer copied the bytes three or four times. */
        RecordGroup build() {
            byte[] column = new byte[size];
            int[] places = new int[2 * details.size()];
            column[0] = '[';
            int at = 1;
            for (int i = 0; i < details.size(); i++) {
                byte[] detail = details.get(i);
                places[2 * i] = at;
                places[2 * i + 1] = detail.length;
                System.arraycopy(detail, 0, column, at, detail.length);
                at += detail.length;
                column[at++] = (byte) (i + 1 < details.size() ? ',' : ']');
            }
            return new RecordGroup(List.copyOf(summaries), column, places);
        }
    }
}
