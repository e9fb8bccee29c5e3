package io.webhookactions.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * {@code format_date FORMAT [TIMEZONE]}: a unix timestamp (seconds) or an ISO-8601 date/time,
 * formatted with java.time pattern letters in a time zone (UTC by default). Literal patterns and zones
 * are compiled at load.
 */
final class DateFormatFilter {

    private DateFormatFilter() {
    }

    static Filter compile(List<Argument> arguments) {
        DateTimeFormatter literalFormat = arguments.get(0) instanceof Argument.Literal literal ? formatter(literal.text()) : null;
        ZoneId literalZone = arguments.size() < 2 ? ZoneOffset.UTC
                : arguments.get(1) instanceof Argument.Literal literal ? zone(literal.text()) : null;
        return (input, scope) -> {
            Instant instant = instant(input);
            if (instant == null) {
                return input;
            }
            try {
                DateTimeFormatter format = literalFormat != null ? literalFormat
                        : formatter(Values.asText(scope.resolve(arguments.get(0))));
                ZoneId zone = literalZone != null ? literalZone : zone(Values.asText(scope.resolve(arguments.get(1))));
                return Values.text(format.format(instant.atZone(zone)));
            } catch (IllegalArgumentException | DateTimeException e) {
                return input;
            }
        };
    }

    private static DateTimeFormatter formatter(String pattern) {
        try {
            return DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + pattern + "\" is not a java.time pattern (" + e.getMessage()
                    + "); e.g. yyyy-MM-dd'T'HH:mm:ss");
        }
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("\"" + id + "\" is not a time zone; use a region such as Europe/London or an offset such as +02:00");
        }
    }

    /** Unix seconds (number or numeric text), or ISO-8601 instant / offset date-time / local date-time / date. */
    static Instant instant(JsonNode value) {
        BigDecimal seconds = Values.number(value);
        if (seconds != null) {
            try {
                // Exact: longValue() keeps only the low 64 bits, so 2^64 + 1700000000 seconds formatted as 2023.
                long whole = seconds.toBigInteger().longValueExact();
                int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
                return Instant.ofEpochSecond(whole, nanos);
            } catch (ArithmeticException | DateTimeException e) {
                return null;
            }
        }
        if (!value.isTextual()) {
            return null;
        }
        String text = value.textValue().strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
