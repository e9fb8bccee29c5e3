package io.webhookactions.history;

import io.webhookactions.WebhookActionException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which executions to list (SPEC §13), newest first: filters, a page size and where the previous page ended.
 *
 * @param action   exactly this action, or null
 * @param success  only successful ({@code true}) or failed ({@code false}) executions, or null for both
 * @param source   {@code test}, {@code execute}, {@code pipeline}, {@code component} or {@code cli}, or null
 * @param since    started at or after, or null
 * @param until    started before, or null
 * @param limit    at most this many records
 * @param before   the cursor of the previous page's last record, or null for the first page
 * @param patterns the action patterns the caller is limited to ({@code get_*}); empty for every action
 */
public record HistoryQuery(String action, Boolean success, String source, Instant since, Instant until, int limit, Cursor before,
                           List<String> patterns) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    public static final Set<String> SOURCES = Set.of("test", "execute", "pipeline", "component", "cli");
    static final Set<String> PARAMETERS = Set.of("action", "success", "source", "since", "until", "limit", "before");
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_]{0,59}");

    /**
     * The times a query compares with, clamped into years 1..9999: ISO-8601 lets {@code since}, {@code until} and a
     * forged cursor name any year up to 999 999 999, which PostgreSQL cannot store and which the list's SQL overflowed
     * adding a group's span to (a 503, "the database is not available"). Every record starts within these years, so
     * a clamped bound selects the same records.
     */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    public HistoryQuery {
        patterns = List.copyOf(patterns);
        since = clamped(upToMicros(since));
        until = clamped(upToMicros(until));
        before = before == null ? null : new Cursor(clamped(before.startedAt()), before.id());
    }

    private static Instant clamped(Instant instant) {
        return instant == null ? null : instant.isBefore(EARLIEST) ? EARLIEST : instant.isAfter(LATEST) ? LATEST : instant;
    }

    /**
     * The first microsecond at or after {@code instant}: records start on whole microseconds (what both databases
     * keep), so this selects the same records, and both databases compare it alike (PostgreSQL's driver would round
     * a finer instant to the nearest microsecond, H2 compares it exactly).
     */
    private static Instant upToMicros(Instant instant) {
        if (instant == null) {
            return null;
        }
        Instant whole = instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return whole.equals(instant) ? whole : whole.plusNanos(1000);
    }

    /** The newest {@code limit} executions, unfiltered. */
    public static HistoryQuery newest(int limit) {
        return new HistoryQuery(null, null, null, null, null, limit, null, List.of());
    }

    /** A parameter of the list or the CSV export that cannot be used; the message names it. */
    public static final class BadParameter extends WebhookActionException {
        private final String parameter;

        BadParameter(String parameter, String message) {
            super(parameter + ": " + message);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    /**
     * Reads the query parameters of {@code GET /api/executions} (and {@code .csv}).
     *
     * @param maxLimit the largest {@code limit} allowed; without {@code limit} the page is {@value #DEFAULT_LIMIT}
     *                 long, or {@code maxLimit} long for an export
     * @param export   whether this is the CSV export, whose default is everything that matches (up to {@code maxLimit})
     * @throws BadParameter for an unknown, repeated or malformed parameter
     */
    public static HistoryQuery parse(Map<String, List<String>> parameters, int maxLimit, boolean export) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (!PARAMETERS.contains(parameter.getKey())) {
                throw new BadParameter(parameter.getKey(), "unknown parameter; use " + String.join(", ", List.of("action", "success",
                        "source", "since", "until", "limit", "before")));
            }
            if (parameter.getValue().size() > 1) {
                throw new BadParameter(parameter.getKey(), "given " + parameter.getValue().size() + " times; give it once");
            }
        }
        String action = value(parameters, "action");
        if (action != null && !ACTION.matcher(action).matches()) {
            throw new BadParameter("action", "'" + action + "' is not an action name (a-z, 0-9 and _, starting with a letter)");
        }
        String success = value(parameters, "success");
        if (success != null && !success.equals("true") && !success.equals("false")) {
            throw new BadParameter("success", "'" + success + "' is not true or false");
        }
        String source = value(parameters, "source");
        if (source != null && !SOURCES.contains(source)) {
            throw new BadParameter("source", "'" + source + "' is not one of test, execute, pipeline, component, cli");
        }
        Instant since = instant(parameters, "since");
        Instant until = instant(parameters, "until");
        if (since != null && until != null && !since.isBefore(until)) {
            throw new BadParameter("until", "must be later than since");
        }
        String limitText = value(parameters, "limit");
        int limit = export ? maxLimit : DEFAULT_LIMIT;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                // Digits beyond an int are a number out of range, not no number.
                throw new BadParameter("limit", limitText.matches("[+-]?[0-9]+") ? "must be between 1 and " + maxLimit
                        : "'" + limitText + "' is not a number");
            }
            if (limit < 1 || limit > maxLimit) {
                throw new BadParameter("limit", "must be between 1 and " + maxLimit);
            }
        }
        String beforeText = value(parameters, "before");
        Cursor before = beforeText == null ? null : Cursor.decode(beforeText)
                .orElseThrow(() -> new BadParameter("before", "not a cursor this service gave out (use the \"next\" of a page)"));
        return new HistoryQuery(action, success == null ? null : Boolean.valueOf(success), source, since, until, limit, before, List.of());
    }

    /** This query, limited to the actions a caller may see. */
    public HistoryQuery within(List<String> actionPatterns) {
        return new HistoryQuery(action, success, source, since, until, limit, before, actionPatterns);
    }

    /** The same filters, for the page after {@code cursor}, {@code size} long. */
    public HistoryQuery page(Cursor cursor, int size) {
        return new HistoryQuery(action, success, source, since, until, size, cursor, patterns);
    }

    private static String value(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            return null;
        }
        return values.get(0).strip();
    }

    /** An ISO-8601 instant ({@code 2026-11-28T10:15:00Z}, an offset allowed) or a date (midnight UTC). */
    private static Instant instant(Map<String, List<String>> parameters, String name) {
        String text = value(parameters, name);
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw new BadParameter(name, "'" + text + "' is not an ISO-8601 time such as 2026-11-28T10:15:00Z or a date such as 2026-11-28");
        }
    }
}
