package io.webhookactions.http;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a {@code Retry-After} header: delay-seconds or an HTTP-date in any of its three forms (RFC 9110 §10.2.3). */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** The delay it asks for in milliseconds; 0 when absent, in the past or unreadable. */
    public static long millis(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        String text = value.strip();
        if (text.matches("\\d+")) {
            // A delay longer than a day is longer than any call may last; capping it keeps the arithmetic exact.
            return text.length() > 6 ? MAX_MILLIS : Math.min(MAX_MILLIS, Long.parseLong(text) * 1000);
        }
        for (DateTimeFormatter format : DATES) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(text, format);
                return Math.min(MAX_MILLIS, Math.max(0, Duration.between(ZonedDateTime.now(when.getZone()), when).toMillis()));
            } catch (DateTimeParseException notThisForm) {
                // try the next form
            }
        }
        return 0;
    }

    /** The longest delay a Retry-After can ask for here: a day. */
    static final long MAX_MILLIS = Duration.ofDays(1).toMillis();

    /** HTTP-date in its preferred form and the two obsolete ones a recipient must accept (RFC 9110 §5.6.7). */
    private static final java.util.List<DateTimeFormatter> DATES = java.util.List.of(
            DateTimeFormatter.RFC_1123_DATE_TIME,
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss zzz", java.util.Locale.US),
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", java.util.Locale.US).withZone(java.time.ZoneOffset.UTC));
}
