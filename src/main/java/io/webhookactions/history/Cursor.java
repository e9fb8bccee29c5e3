package io.webhookactions.history;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a page of the list ended: the last record's {@code (started_at, id)}, the key the list is ordered by.
 * The next page starts strictly after it, so records written meanwhile never shift a page (as an offset
 * would) and the query stays an index range scan at any depth. Opaque to clients: base64url of
 * {@code micros:id}.
 */
public record Cursor(Instant startedAt, String id) {

    private static final Pattern SHAPE = Pattern.compile("(-?\\d{1,19}):([0-9a-f-]{36})");

    public static Cursor after(HistoryRecord last) {
        return new Cursor(last.startedAt(), last.id());
    }

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, startedAt);
        return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor {@code text} stands for; empty when it is not one this service gave out. */
    public static Optional<Cursor> decode(String text) {
        if (text.length() > 80) {
            return Optional.empty();
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        var matcher = SHAPE.matcher(plain);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Cursor(Instant.EPOCH.plus(Long.parseLong(matcher.group(1)), ChronoUnit.MICROS), matcher.group(2)));
        } catch (ArithmeticException | NumberFormatException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
