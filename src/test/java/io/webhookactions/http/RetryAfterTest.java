package io.webhookactions.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code Retry-After} as RFC 9110 §10.2.3 writes it: delay-seconds or an HTTP-date; anything else asks for no wait. */
class RetryAfterTest {

    private static String httpDate(ZonedDateTime when) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(when.withZoneSameInstant(ZoneOffset.UTC));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1} ms")
    @CsvSource(delimiter = '|', value = {
        "0      | 0",
        "1      | 1000",
        "120    | 120000",
        "'  7 ' | 7000",
        "86400  | 86400000",
    })
    void delaySecondsAreTurnedIntoMilliseconds(String header, long millis) {
        assertThat(RetryAfter.millis(header)).isEqualTo(millis);
    }

    @Test
    void anHttpDateInTheFutureIsTheTimeUntilThen() {
        ZonedDateTime inAMinute = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).plusSeconds(60);

        long millis = RetryAfter.millis(httpDate(inAMinute));

        assertThat(millis).as("at most the minute, less the time this test took").isBetween(55_000L, 60_000L);
    }

    @Test
    void anHttpDateInAnotherZoneIsReadAtItsInstant() {
        ZonedDateTime inAMinute = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).plusSeconds(60);
        String plusTwo = DateTimeFormatter.RFC_1123_DATE_TIME.format(inAMinute.withZoneSameInstant(ZoneOffset.ofHours(2)));

        assertThat(RetryAfter.millis(plusTwo)).isBetween(55_000L, 60_000L);
    }

    @Test
    void anHttpDateInThePastAsksForNoWait() {
        assertThat(RetryAfter.millis("Wed, 21 Oct 2015 07:28:00 GMT")).isZero();
    }

    @ParameterizedTest(name = "\"{0}\" -> 0")
    @ValueSource(strings = {"-1", "-120", "soon", "1.5", "5s", "0x10", "21 Oct 2099"})
    void negativeOrUnreadableValuesAskForNoWait(String header) {
        assertThat(RetryAfter.millis(header)).isZero();
    }

    @ParameterizedTest(name = "\"{0}\" -> 0")
    @NullSource
    @ValueSource(strings = {"", " ", "\t"})
    void anAbsentOrBlankHeaderAsksForNoWait(String header) {
        assertThat(RetryAfter.millis(header)).isZero();
    }
}
