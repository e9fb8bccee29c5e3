package io.webhookactions.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.response.ActionResult;
import io.webhookactions.runtime.ExecutionInput;
import io.webhookactions.support.Json;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One recorded execution (SPEC §13): the summary fields the list and the CSV show, and the detail (request,
 * response, attributes) as the JSON text the database keeps. Built on the execution's thread from the result
 * as shown, already scrubbed of secrets (§11), with bodies cut to {@code webhook.history.max-body-bytes}: the
 * queue then holds at most that much per record, never a 10 MiB response.
 *
 * @param startedAt  truncated to microseconds, the precision both databases keep, so a cursor matches exactly
 * @param statusCode null when nothing was received
 * @param detail     {@code {"request": ..., "response": ..., "attributes": ..., "truncated": bool}}
 */
public record HistoryRecord(String id, Instant startedAt, String action, String source, String caller, long durationMs,
                            boolean success, Integer statusCode, String error, String detail) {

    /** The detail of a summary read for the list, which never reads the detail column. */
    static final String NO_DETAIL = "{}";

    /** Column width of {@code caller}: a JWT subject is normally far shorter. */
    static final int MAX_CALLER = 255;

    public HistoryRecord {
        Objects.requireNonNull(id);
        Objects.requireNonNull(startedAt);
        Objects.requireNonNull(action);
        Objects.requireNonNull(source);
        Objects.requireNonNull(caller);
        Objects.requireNonNull(detail);
        startedAt = startedAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** The record of a finished execution, bodies and long values cut at {@code maxBodyBytes} UTF-8 bytes. */
    public static HistoryRecord of(ExecutionInput input, Instant startedAt, ActionResult result, int maxBodyBytes) {
        return new HistoryRecord(timeOrderedId(startedAt), startedAt, result.action(), input.source(), Cut.prefix(input.caller(), MAX_CALLER),
                result.durationMs(), result.success(), result.statusCode(), result.error() == null ? null : Cut.prefix(result.error(), maxBodyBytes),
                DetailJson.of(result, maxBodyBytes));
    }

    /**
     * A UUID whose first 48 bits are the start in milliseconds (the layout of UUID version 7): records arrive
     * roughly in that order, so the primary key index grows at its end instead of splitting pages everywhere. On an
     * H2 file that kept 200 000 records in 183 MB instead of 559 MB with random UUIDs.
     */
    static String timeOrderedId(Instant startedAt) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (startedAt.toEpochMilli() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }

    /** The millisecond a {@link #timeOrderedId} was made for; empty for any other text. */
    static Optional<Instant> startOf(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (id.length() != 36 || uuid.version() != 7 || uuid.variant() != 2) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(uuid.getMostSignificantBits() >>> 16));
    }

    /** The summary fields, as the list and the CSV show them. */
    public ObjectNode summaryJson() {
        ObjectNode json = Json.NODES.objectNode();
        json.put("id", id);
        json.put("started_at", startedAt.toString());
        json.put("action", action);
        json.put("source", source);
        json.put("caller", caller);
        json.put("duration_ms", durationMs);
        json.put("success", success);
        if (statusCode == null) {
            json.putNull("status_code");
        } else {
            json.put("status_code", statusCode);
        }
        if (error == null) {
            json.putNull("error");
        } else {
            json.put("error", error);
        }
        return json;
    }

    /** The whole record: the summary, then request, response, attributes and whether anything was cut. */
    public ObjectNode toJson() {
        ObjectNode json = summaryJson();
        try {
            json.setAll((ObjectNode) Json.mapper().readTree(detail));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return json;
    }

    /**
     * {@link #toJson()} as text, without reading the detail back: it is JSON this service wrote, and reading it again
     * is bound by the reader's limits (numbers of 1000 digits, 1000 levels), which a kept request body can exceed
     * ({@code 1e9999} is written as 10 000 digits). The summary's closing brace and the detail's opening one are
     * joined with a comma.
     */
    public String toJsonText() {
        String summary = summaryJson().toString();
        String body = detail.strip();
        if (!body.startsWith("{") || !body.endsWith("}")) {
            return toJson().toString();
        }
        String inner = body.substring(1, body.length() - 1).strip();
        return inner.isEmpty() ? summary : summary.substring(0, summary.length() - 1) + "," + inner + "}";
    }

    /** The size this record holds in memory while it waits to be written, roughly. */
    long weight() {
        return 2L * detail.length() + (error == null ? 0 : 2L * error.length()) + 256;
    }
}
