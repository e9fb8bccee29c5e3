package io.webhookactions.http;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a {@code Retry-After} header: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** The delay it asks for in milliseconds; 0 when absent, in the past or unreadable. */
    public static long millis(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        String text = value.strip();
        try {
            return Math.max(0, Long.parseLong(text) * 1000);
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, Duration.between(ZonedDateTime.now(when.getZone()), when).toMillis());
            } catch (DateTimeParseException notDate) {
                return 0;
            }
        }
    }
}
